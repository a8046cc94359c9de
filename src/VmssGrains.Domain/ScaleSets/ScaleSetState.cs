using System.Collections.Immutable;
using VmssGrains.Domain.Fleet;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;

namespace VmssGrains.Domain.ScaleSets;

/// <summary>
/// Everything a scale set knows, immutable: what <see cref="ScaleSetMachine.Decide"/> reads and returns. The grain
/// persists it once per decision. Instance ids are compared ordinally; times are simulated.
/// </summary>
[GenerateSerializer, Immutable, Alias("vmss.ScaleSetState")]
public sealed record ScaleSetState
{
    /// <summary>The scale set's name.</summary>
    [Id(0)] public required string Name { get; init; }

    /// <summary>The resource JSON as stored (normalised), or null before creation.</summary>
    [Id(1)] public string? Resource { get; init; }

    /// <summary>The current model, or null before creation.</summary>
    [Id(2)] public ScaleSetModel? Model { get; init; }

    /// <summary>The model version (1 at creation; a new one for every change of the instances' profile).</summary>
    [Id(3)] public int ModelVersion { get; init; }

    /// <summary>Models still applied on some instance, by version (OS upgrades and reimages use the instance's own model).</summary>
    [Id(4)] public ImmutableDictionary<int, ScaleSetModel> Models { get; init; } = ImmutableDictionary<int, ScaleSetModel>.Empty;

    /// <summary>The instances as the scale set knows them, by id.</summary>
    [Id(5)] public ImmutableDictionary<string, InstanceSummary> Instances { get; init; } = ImmutableDictionary.Create<string, InstanceSummary>(StringComparer.Ordinal);

    /// <summary>The next instance id.</summary>
    [Id(6)] public int NextInstanceId { get; init; }

    /// <summary>Every run, oldest first.</summary>
    [Id(7)] public ImmutableList<RunRecord> Runs { get; init; } = [];

    /// <summary>Index in <see cref="Runs"/> of the run under way, or -1.</summary>
    [Id(8)] public int ActiveRun { get; init; } = -1;

    /// <summary>Index in <see cref="Runs"/> of the latest rolling (health-gated) run, or -1.</summary>
    [Id(9)] public int LatestRollingRun { get; init; } = -1;

    /// <summary>Long-running operations, oldest first.</summary>
    [Id(10)] public ImmutableList<OperationStatus> Operations { get; init; } = [];

    // [Id(11)] was the seed, timing and faults (SimulationSettings): now the versions of the instance profile, Id(34).

    /// <summary>The fleet over time: one point per simulated instant at which the counts changed.</summary>
    [Id(12)] public ImmutableList<TimelinePoint> Timeline { get; init; } = [];

    /// <summary>When the scale set was created.</summary>
    [Id(13)] public DateTimeOffset TimeCreated { get; init; }

    /// <summary>Counts operations and runs for their ids.</summary>
    [Id(14)] public int Serial { get; init; }

    /// <summary>Instances a scale operation still waits for, by operation name.</summary>
    [Id(15)] public ImmutableDictionary<string, ImmutableHashSet<string>> ScaleWaits { get; init; } = ImmutableDictionary<string, ImmutableHashSet<string>>.Empty;

    /// <summary>The operation that finishes when the active run ends.</summary>
    [Id(16)] public string? RunOperation { get; init; }

    /// <summary>The image whose publications this scale set follows (automatic OS image upgrades), if any.</summary>
    [Id(17)] public string? FollowedImage { get; init; }

    /// <summary>A version was published while a run was under way: the platform upgrade starts when it ends.</summary>
    [Id(18)] public bool PlatformUpgradePending { get; init; }

    /// <summary>Deferred instances of the current run waiting for approval.</summary>
    [Id(19)] public ImmutableHashSet<string> AwaitingApproval { get; init; } = ImmutableHashSet.Create<string>(StringComparer.Ordinal);

    /// <summary>Instances approved for the current run.</summary>
    [Id(20)] public ImmutableHashSet<string> Approved { get; init; } = ImmutableHashSet.Create<string>(StringComparer.Ordinal);

    /// <summary>Every instance of the current run is approved.</summary>
    [Id(21)] public bool ApprovedAll { get; init; }

    /// <summary>Automatic repairs under way: the instance whose report ends the repair, and the repair.</summary>
    [Id(22)] public ImmutableDictionary<string, RepairWork> Repairs { get; init; } = ImmutableDictionary.Create<string, RepairWork>(StringComparer.Ordinal);

    /// <summary>Repairs per instance while it stays unhealthy.</summary>
    [Id(23)] public ImmutableDictionary<string, int> RepairAttempts { get; init; } = ImmutableDictionary.Create<string, int>(StringComparer.Ordinal);

    /// <summary>When the next repair check is scheduled, if one is.</summary>
    [Id(24)] public DateTimeOffset? RepairCheckAt { get; init; }

    /// <summary>maxSurge: new instances being created, with the instance each replaces.</summary>
    [Id(25)] public ImmutableDictionary<string, string> Surges { get; init; } = ImmutableDictionary.Create<string, string>(StringComparer.Ordinal);

    /// <summary>rollbackFailedInstancesOnPolicyBreach: the model version each instance of the run had before it.</summary>
    [Id(26)] public ImmutableDictionary<string, int> RollbackModels { get; init; } = ImmutableDictionary.Create<string, int>(StringComparer.Ordinal);

    /// <summary>Rollbacks under way: instance → index of the run in <see cref="Runs"/>.</summary>
    [Id(27)] public ImmutableDictionary<string, int> Rollbacks { get; init; } = ImmutableDictionary.Create<string, int>(StringComparer.Ordinal);

    /// <summary>Every automatic repair, oldest first.</summary>
    [Id(28)] public ImmutableList<RepairRecord> RepairHistory { get; init; } = [];

    /// <summary>Instances a scale-out is creating whose provisioning has not ended (not yet asked of the load balancers).</summary>
    [Id(29)] public int ScaleOutsCreating { get; init; }

    /// <summary>The instances of a scale operation that failed (by operation name): the operation fails with their error.</summary>
    [Id(30)] public ImmutableDictionary<string, ImmutableList<InstanceOutcome>> ScaleFailures { get; init; } = ImmutableDictionary<string, ImmutableList<InstanceOutcome>>.Empty;

    /// <summary>The gallery's images as this scale set last heard of them.</summary>
    [Id(31)] public ImageCatalog Catalog { get; init; } = ImageCatalog.Empty;

    /// <summary>The instances counted by state (kept with <see cref="Instances"/>).</summary>
    [Id(32)] public FleetCounts Counts { get; init; }

    /// <summary>How many times a scale set of this name was created here (kept through a delete: see <see cref="InstanceProfileKey"/>).</summary>
    [Id(33)] public int Generation { get; init; }

    /// <summary>
    /// The versions of this generation's instance profile, oldest first (the last is the current one): orders given
    /// earlier may still name an older one. Kept through a delete, for the instances still finishing what they were
    /// told; replaced when the scale set is created again.
    /// </summary>
    [Id(34)] public ImmutableList<InstanceProfile> Profiles { get; init; } = [];

    /// <summary>
    /// The orders given and not yet reported, by instance (the serial is the instance's <see cref="InstanceSummary.OrderSerial"/>):
    /// what a scale set redoes when an instance lost its state (docs/durability.md).
    /// </summary>
    [Id(35)] public ImmutableDictionary<string, OrderRequest> InFlight { get; init; } = ImmutableDictionary.Create<string, OrderRequest>(StringComparer.Ordinal);

    /// <summary>The current instance profile, or null while the scale set does not exist.</summary>
    public InstanceProfile? Profile => Exists && !Profiles.IsEmpty ? Profiles[^1] : null;

    /// <summary>The seed every id and random stream derives from (0 while the scale set does not exist).</summary>
    public long Seed => Profile?.Seed ?? 0;

    /// <summary>True once created.</summary>
    public bool Exists => Resource is not null;

    /// <summary>The run under way, if any.</summary>
    public RunState? Run => ActiveRun >= 0 ? Runs[ActiveRun].Run : null;

    /// <summary>The state of a scale set that does not exist (yet, or any more), keeping what it knows of the gallery.</summary>
    public static ScaleSetState Empty(string name, ImageCatalog? catalog = null) => new() { Name = name, Catalog = catalog ?? ImageCatalog.Empty };

    /// <summary>
    /// The state of this scale set once deleted: <see cref="Empty"/>, keeping what it knows of the gallery, its
    /// <see cref="Generation"/> (a scale set created again under this name gets new profile keys) and its
    /// <see cref="Profiles"/> (for instances still finishing an order while the delete is carried out).
    /// </summary>
    public ScaleSetState AfterDelete() => Empty(Name, Catalog) with { Generation = Generation, Profiles = Profiles };
}
