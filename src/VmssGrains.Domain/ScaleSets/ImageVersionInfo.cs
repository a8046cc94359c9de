using System.Collections.Immutable;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Time;

namespace VmssGrains.Domain.ScaleSets;

/// <summary>One version of a gallery or platform image.</summary>
[GenerateSerializer, Immutable, Alias("vmss.ImageVersionInfo")]
public sealed record ImageVersionInfo
{
    /// <summary>The image at this version.</summary>
    [Id(0)] public required ImageReference Image { get; init; }

    /// <summary>Extensions whose work the image already carries (the application baked in).</summary>
    [Id(1)] public ImmutableArray<string> BakedInExtensions { get; init; } = [];

    /// <summary>When the version counts as published (after replication).</summary>
    [Id(2)] public DateTimeOffset PublishedAt { get; init; }

    /// <summary>Reimage duration of this image, overriding the timing profile.</summary>
    [Id(3)] public Distribution? Reimage { get; init; }
}
