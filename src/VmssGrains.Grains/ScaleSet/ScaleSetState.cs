using VmssGrains.Abstractions.Grains;
using VmssGrains.Abstractions.Views;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;
using VmssGrains.Domain.ScaleSets;

namespace VmssGrains.Grains.ScaleSet;

/// <summary>The persisted state of a scale set grain. Written at operation and batch boundaries, not per report.</summary>
[GenerateSerializer, Alias("vmss.ScaleSetState")]
public sealed class ScaleSetState
{
    /// <summary>The resource JSON as stored (normalised), or null before creation.</summary>
    [Id(0)] public string? Resource { get; set; }

    /// <summary>The current model.</summary>
    [Id(1)] public ScaleSetModel? Model { get; set; }

    /// <summary>The model version.</summary>
    [Id(2)] public int ModelVersion { get; set; }

    /// <summary>Models still applied on some instance, by version (OS upgrades and reimages use the instance's own model).</summary>
    [Id(3)] public Dictionary<int, ScaleSetModel> Models { get; set; } = [];

    /// <summary>The instances as the scale set knows them.</summary>
    [Id(4)] public Dictionary<string, InstanceSummary> Instances { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The next instance id.</summary>
    [Id(5)] public int NextInstanceId { get; set; }

    /// <summary>Every run, oldest first.</summary>
    [Id(6)] public List<RunRecord> Runs { get; set; } = [];

    /// <summary>Index in <see cref="Runs"/> of the run under way, or -1.</summary>
    [Id(7)] public int ActiveRun { get; set; } = -1;

    /// <summary>Index in <see cref="Runs"/> of the latest rolling run, or -1.</summary>
    [Id(8)] public int LatestRollingRun { get; set; } = -1;

    /// <summary>Long-running operations, oldest first.</summary>
    [Id(9)] public List<OperationStatus> Operations { get; set; } = [];

    /// <summary>Seed, timing and faults.</summary>
    [Id(10)] public SimulationSettings Settings { get; set; } = new();

    /// <summary>The fleet over time.</summary>
    [Id(11)] public List<TimelinePoint> Timeline { get; set; } = [];

    /// <summary>When the scale set was created.</summary>
    [Id(12)] public DateTimeOffset TimeCreated { get; set; }

    /// <summary>Counts operations and runs for their ids.</summary>
    [Id(13)] public int Serial { get; set; }

    /// <summary>Instances a scale operation still waits for, by operation name.</summary>
    [Id(14)] public Dictionary<string, HashSet<string>> ScaleWaits { get; set; } = [];

    /// <summary>The operation that finishes when the active run ends.</summary>
    [Id(15)] public string? RunOperation { get; set; }

    /// <summary>The image whose publications this scale set follows (automatic OS image upgrades), if any.</summary>
    [Id(16)] public string? FollowedImage { get; set; }

    /// <summary>A version was published while a run was under way: the platform upgrade starts when it ends.</summary>
    [Id(17)] public bool PlatformUpgradePending { get; set; }

    /// <summary>Deferred instances of the current run waiting for approval.</summary>
    [Id(18)] public HashSet<string> AwaitingApproval { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Instances approved for the current run.</summary>
    [Id(19)] public HashSet<string> Approved { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Every instance of the current run is approved.</summary>
    [Id(20)] public bool ApprovedAll { get; set; }

    /// <summary>Automatic repairs under way: the instance whose report ends the repair, and what the repair is.</summary>
    [Id(21)] public Dictionary<string, string> Repairs { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Repairs per instance while it stays unhealthy.</summary>
    [Id(22)] public Dictionary<string, int> RepairAttempts { get; set; } = new(StringComparer.Ordinal);

    /// <summary>When the next repair check is scheduled, if one is.</summary>
    [Id(23)] public DateTimeOffset? RepairCheckAt { get; set; }

    /// <summary>maxSurge: new instances being created, with the instance each replaces.</summary>
    [Id(24)] public Dictionary<string, string> Surges { get; set; } = new(StringComparer.Ordinal);

    /// <summary>rollbackFailedInstancesOnPolicyBreach: the model version each instance of the run had before it.</summary>
    [Id(25)] public Dictionary<string, int> RollbackModels { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Rollbacks under way: instance → index of the run in <see cref="Runs"/>.</summary>
    [Id(26)] public Dictionary<string, int> Rollbacks { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Every automatic repair, oldest first.</summary>
    [Id(27)] public List<RepairRecord> RepairHistory { get; set; } = [];

    /// <summary>Instances a scale-out is creating whose provisioning has not ended (not yet asked of the load balancers).</summary>
    [Id(28)] public int ScaleOutsCreating { get; set; }

    /// <summary>The instances of a scale operation that failed (by operation name): the operation fails with their error.</summary>
    [Id(29)] public Dictionary<string, List<InstanceOutcome>> ScaleFailures { get; set; } = [];

    /// <summary>True once created.</summary>
    public bool Exists => Resource is not null;

    /// <summary>The run under way, if any.</summary>
    public RunState? Run => ActiveRun >= 0 ? Runs[ActiveRun].Run : null;
}
