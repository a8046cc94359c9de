using System.Collections.Immutable;
using VmssGrains.Domain.Time;

namespace VmssGrains.Domain.Model;

/// <summary>
/// One entry of <c>extensionProfile.extensions</c>: the Azure properties the upgrade acts on, plus the
/// simulation settings of its script (an extension object may carry a <c>simulation</c> member).
/// </summary>
[GenerateSerializer, Immutable, Alias("vmss.ExtensionSpec")]
public sealed record ExtensionSpec
{
    /// <summary>The extension's name, unique in the profile.</summary>
    [Id(0)] public required string Name { get; init; }

    /// <summary><c>properties.publisher</c>.</summary>
    [Id(1)] public string Publisher { get; init; } = "";

    /// <summary><c>properties.type</c>, e.g. CustomScript or ApplicationHealthLinux.</summary>
    [Id(2)] public string Type { get; init; } = "";

    /// <summary>Names of extensions that must be provisioned first.</summary>
    [Id(3)] public ImmutableArray<string> ProvisionAfterExtensions { get; init; } = [];

    /// <summary>A changed tag forces the extension to run again.</summary>
    [Id(4)] public string? ForceUpdateTag { get; init; }

    /// <summary>A failure of this extension does not fail the instance.</summary>
    [Id(5)] public bool SuppressFailures { get; init; }

    /// <summary>A stable hash of the extension's definition: a different value means the extension changed.</summary>
    [Id(6)] public string Fingerprint { get; init; } = "";

    /// <summary>Its own duration, overriding the timing profile.</summary>
    [Id(7)] public Distribution? Duration { get; init; }

    /// <summary>Probability that one run of the script fails.</summary>
    [Id(8)] public double FailureProbability { get; init; }

    /// <summary>False: the script fails when it finds its own earlier work on the data disk.</summary>
    [Id(9)] public bool Idempotent { get; init; } = true;

    /// <summary>Where the script is fetched from (a source outage fails the extension while it lasts).</summary>
    [Id(10)] public string? ScriptSource { get; init; }

    /// <summary>The Application Health extension: a health source with rich states.</summary>
    public bool IsApplicationHealth => Type.StartsWith("ApplicationHealth", StringComparison.OrdinalIgnoreCase);
}
