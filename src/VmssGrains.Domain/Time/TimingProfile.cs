using System.Collections.Immutable;

namespace VmssGrains.Domain.Time;

/// <summary>
/// How long every simulated step takes. Defaults are realistic for a Linux VM in Azure: minutes to
/// reimage and boot, seconds to drain and probe. Scenario files override steps by name (<see cref="StepNames"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("vmss.TimingProfile")]
public sealed record TimingProfile
{
    /// <summary>The names accepted in a scenario's <c>timing</c> object.</summary>
    public static readonly ImmutableArray<string> StepNames =
    [
        "drain", "reimage", "boot", "extension", "bakedInExtension", "probeInterval", "healthWaitTimeout",
        "provision", "delete", "restart", "replication",
    ];

    /// <summary>The defaults used when a scenario names no timing.</summary>
    public static TimingProfile Default { get; } = new();

    /// <summary>In-flight connections finish after the LB stops sending new ones.</summary>
    [Id(0)] public Distribution Drain { get; init; } = new(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(5));

    /// <summary>The OS disk is replaced by a fresh one from the image.</summary>
    [Id(1)] public Distribution Reimage { get; init; } = new(TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(30));

    /// <summary>First boot of the new OS disk until the VM agent reports ready.</summary>
    [Id(2)] public Distribution Boot { get; init; } = new(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(15));

    /// <summary>An extension that installs the application from scratch.</summary>
    [Id(3)] public Distribution Extension { get; init; } = new(TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(30));

    /// <summary>The same extension when the image already carries the application (the seed's custom-image advice).</summary>
    [Id(4)] public Distribution BakedInExtension { get; init; } = new(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2));

    /// <summary>Overrides the load balancer probe's <c>intervalInSeconds</c> when set.</summary>
    [Id(5)] public Distribution? ProbeInterval { get; init; }

    /// <summary>How long an upgraded instance may take to become healthy before it counts as failed.</summary>
    [Id(6)] public Distribution HealthWaitTimeout { get; init; } = Distribution.Fixed(TimeSpan.FromMinutes(5));

    /// <summary>A new instance: allocation, OS disk creation and first boot.</summary>
    [Id(7)] public Distribution Provision { get; init; } = new(TimeSpan.FromMinutes(4), TimeSpan.FromSeconds(45));

    /// <summary>Deleting an instance.</summary>
    [Id(8)] public Distribution Delete { get; init; } = new(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(10));

    /// <summary>Restarting an instance in place (automatic repairs with <c>Restart</c>).</summary>
    [Id(9)] public Distribution Restart { get; init; } = new(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(15));

    /// <summary>Gallery replication of a new image version before it counts as published.</summary>
    [Id(10)] public Distribution Replication { get; init; } = Distribution.Fixed(TimeSpan.FromMinutes(10));

    /// <summary>Per-extension durations by extension name, overriding <see cref="Extension"/>.</summary>
    [Id(11)] public ImmutableDictionary<string, Distribution> Extensions { get; init; } = ImmutableDictionary<string, Distribution>.Empty;

    /// <summary>Returns a copy with one step replaced; false if the name is not a step.</summary>
    public bool TryWith(string step, Distribution value, out TimingProfile result)
    {
        result = step switch
        {
            "drain" => this with { Drain = value },
            "reimage" => this with { Reimage = value },
            "boot" => this with { Boot = value },
            "extension" => this with { Extension = value },
            "bakedInExtension" => this with { BakedInExtension = value },
            "probeInterval" => this with { ProbeInterval = value },
            "healthWaitTimeout" => this with { HealthWaitTimeout = value },
            "provision" => this with { Provision = value },
            "delete" => this with { Delete = value },
            "restart" => this with { Restart = value },
            "replication" => this with { Replication = value },
            _ => null!,
        };
        return result is not null;
    }

    /// <summary>The duration of one extension: the baked-in step when the image carries its work, else its own override or the default.</summary>
    public Distribution ForExtension(string name, bool bakedIntoImage) =>
        bakedIntoImage ? BakedInExtension : Extensions.GetValueOrDefault(name, Extension);
}
