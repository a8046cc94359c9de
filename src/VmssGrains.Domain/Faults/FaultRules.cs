using System.Collections.Immutable;

namespace VmssGrains.Domain.Faults;

/// <summary>An image version that leaves instances unhealthy after they upgrade to it.</summary>
[GenerateSerializer, Immutable, Alias("vmss.ImageFault")]
public sealed record ImageFault(
    [property: Id(0)] string ImageVersion,
    [property: Id(1)] double Probability,
    [property: Id(2)] ImmutableArray<string> InstanceIds);

/// <summary>An extension that fails on some instances.</summary>
[GenerateSerializer, Immutable, Alias("vmss.ExtensionFault")]
public sealed record ExtensionFault(
    [property: Id(0)] string Extension,
    [property: Id(1)] double Probability,
    [property: Id(2)] ImmutableArray<string> InstanceIds);

/// <summary>The script source of an extension is down from <see cref="From"/> until <see cref="To"/>.</summary>
[GenerateSerializer, Immutable, Alias("vmss.SourceOutage")]
public sealed record SourceOutage(
    [property: Id(0)] string Extension,
    [property: Id(1)] DateTimeOffset From,
    [property: Id(2)] DateTimeOffset To);

/// <summary>The faults injected into one scale set: part of its instance profile, which every order names.</summary>
[GenerateSerializer, Immutable, Alias("vmss.FaultRules")]
public sealed record FaultRules
{
    /// <summary>No faults.</summary>
    public static FaultRules None { get; } = new();

    /// <summary><c>unhealthyAfterUpgrade</c> faults.</summary>
    [Id(0)] public ImmutableArray<ImageFault> UnhealthyAfterUpgrade { get; init; } = [];

    /// <summary><c>extensionFailure</c> faults.</summary>
    [Id(1)] public ImmutableArray<ExtensionFault> ExtensionFailures { get; init; } = [];

    /// <summary><c>scriptSourceOutage</c> faults.</summary>
    [Id(2)] public ImmutableArray<SourceOutage> Outages { get; init; } = [];

    /// <summary>Extensions whose scripts are not idempotent (in addition to their own setting).</summary>
    [Id(3)] public ImmutableArray<string> NonIdempotentExtensions { get; init; } = [];

    /// <summary><c>allocationFailure</c>: probability that creating an instance fails.</summary>
    [Id(4)] public double AllocationFailureProbability { get; init; }

    /// <summary><c>unhealthyRate</c>: random faults per instance-hour.</summary>
    [Id(5)] public double UnhealthyPerInstanceHour { get; init; }

    /// <summary><c>badImage</c> faults: image versions that are bad in a run with a probability (<see cref="BadImageFault.IsBad"/>).</summary>
    [Id(6)] public ImmutableArray<BadImageFault> BadImages { get; init; } = [];

    /// <summary>Merges two sets of rules.</summary>
    public FaultRules Add(FaultRules other) => new()
    {
        UnhealthyAfterUpgrade = UnhealthyAfterUpgrade.AddRange(other.UnhealthyAfterUpgrade),
        ExtensionFailures = ExtensionFailures.AddRange(other.ExtensionFailures),
        Outages = Outages.AddRange(other.Outages),
        NonIdempotentExtensions = NonIdempotentExtensions.AddRange(other.NonIdempotentExtensions),
        AllocationFailureProbability = Math.Max(AllocationFailureProbability, other.AllocationFailureProbability),
        UnhealthyPerInstanceHour = UnhealthyPerInstanceHour + other.UnhealthyPerInstanceHour,
        BadImages = BadImages.AddRange(other.BadImages),
    };
}
