using System.Collections.Immutable;
using System.Text.Json.Nodes;
using VmssGrains.Abstractions.Views;
using VmssGrains.Domain.Faults;
using VmssGrains.Domain.Time;

namespace VmssGrains.Simulation.Scenarios;

/// <summary>A scenario file (docs/contracts.md#scenario-file), read and validated by <see cref="ScenarioReader"/>.</summary>
public sealed record Scenario
{
    /// <summary>Where the simulated calendar starts when the scenario does not say: 2026-01-01T00:00:00Z.</summary>
    public static readonly DateTimeOffset DefaultStartTime = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The run seed.</summary>
    public long Seed { get; init; }

    /// <summary>
    /// <c>startTime</c>: the date-time (UTC) at which the scenario starts on the simulated calendar. Azure-shaped
    /// objects in the report (<c>latest</c>, <c>osUpgradeHistory</c>) carry date-times on this calendar.
    /// </summary>
    public DateTimeOffset StartTime { get; init; } = DefaultStartTime;

    /// <summary>Load balancers: probe and offered load.</summary>
    public ImmutableArray<(string Name, LoadBalancerConfig Config)> LoadBalancers { get; init; } = [];

    /// <summary>Image versions, published at their offsets from the start.</summary>
    public ImmutableArray<ScenarioImageVersion> Images { get; init; } = [];

    /// <summary>Scale sets: Azure resources.</summary>
    public ImmutableArray<ScenarioScaleSet> ScaleSets { get; init; } = [];

    /// <summary>Step durations.</summary>
    public TimingProfile Timing { get; init; } = TimingProfile.Default;

    /// <summary>Actions and timed faults, in time order (file order on ties).</summary>
    public ImmutableArray<ScenarioAction> Actions { get; init; } = [];

    /// <summary>Traffic gates: halt a scale set's rolling upgrade when a load balancer's traffic breaches a threshold (docs/behaviour.md#traffic-gate).</summary>
    public ImmutableArray<VmssGrains.Domain.Load.TrafficGate> TrafficGates { get; init; } = [];

    /// <summary>The latest simulated time to run to.</summary>
    public TimeSpan? Until { get; init; }

    /// <summary><c>strategies</c>: the upgrade strategies <c>compare</c> plays when the command line names none.</summary>
    public ImmutableArray<Domain.Planning.UpgradeStrategy> Strategies { get; init; } = [];
}

/// <summary>A scale set of a scenario and the faults injected into it from the start.</summary>
public sealed record ScenarioScaleSet(string Name, JsonObject Resource, FaultRules Faults, ImmutableArray<ScenarioOutage> Outages);

/// <summary>A script source outage, as offsets from the scenario start.</summary>
public sealed record ScenarioOutage(string Extension, TimeSpan From, TimeSpan To)
{
    /// <summary>The JSON path of the fault in the file.</summary>
    public string Path { get; init; } = "$.faults";
}

/// <summary>An image version of a scenario.</summary>
public sealed record ScenarioImageVersion(string Image, string Version, ImmutableArray<string> BakedInExtensions, TimeSpan PublishedAt, Distribution? Reimage)
{
    /// <summary>The JSON path of the version in the file.</summary>
    public string Path { get; init; } = "$.images";
}

/// <summary>What an action does.</summary>
public enum ScenarioActionKind
{
    /// <summary>JSON merge patch of the resource.</summary>
    Update,

    /// <summary>Rolling OS image upgrade.</summary>
    StartOSUpgrade,

    /// <summary>Rolling extension upgrade.</summary>
    StartExtensionUpgrade,

    /// <summary>Cancel the rolling upgrade.</summary>
    Cancel,

    /// <summary>manualupgrade of named instances.</summary>
    UpdateInstances,

    /// <summary>Reimage named or all instances.</summary>
    Reimage,

    /// <summary>Reimage-all: data disks too.</summary>
    ReimageAll,

    /// <summary>Set the capacity.</summary>
    Scale,

    /// <summary>Publish an image version (after its replication time).</summary>
    PublishImageVersion,

    /// <summary>Set the protection policy of named instances.</summary>
    SetProtectionPolicy,

    /// <summary>Approve deferred automatic OS upgrades of named (or all) instances.</summary>
    Approve,

    /// <summary>The <c>unhealthy</c> fault begins: named instances become unhealthy.</summary>
    FaultUnhealthy,

    /// <summary>The <c>unhealthy</c> fault ends.</summary>
    FaultHealed,
}

/// <summary>One step of a scenario's timeline.</summary>
public sealed record ScenarioAction
{
    /// <summary>Offset from the start.</summary>
    public TimeSpan At { get; init; }

    /// <summary>What it does.</summary>
    public ScenarioActionKind Kind { get; init; }

    /// <summary>The name in the file (<c>update</c>, <c>fault:unhealthy</c>, ...).</summary>
    public required string Name { get; init; }

    /// <summary>The JSON path of the action or fault in the file.</summary>
    public required string Path { get; init; }

    /// <summary>The scale set it acts on (null for publishImageVersion).</summary>
    public string? ScaleSet { get; init; }

    /// <summary>update: the merge patch.</summary>
    public JsonObject? Patch { get; init; }

    /// <summary>Named instances.</summary>
    public ImmutableArray<string> InstanceIds { get; init; } = [];

    /// <summary>scale: the capacity.</summary>
    public int Capacity { get; init; }

    /// <summary>publishImageVersion: the version.</summary>
    public ScenarioImageVersion? ImageVersion { get; init; }

    /// <summary>setProtectionPolicy.</summary>
    public bool ProtectFromScaleIn { get; init; }

    /// <summary>setProtectionPolicy.</summary>
    public bool ProtectFromScaleSetActions { get; init; }

    /// <summary>
    /// <c>after</c>: the promotion gate the action waits behind, or null for an action due at <see cref="At"/>. A gated
    /// action's <see cref="At"/> is the earliest it can happen (the <c>at</c> of the action it waits for, through a chain).
    /// </summary>
    public ScenarioGate? Gate { get; init; }
}
