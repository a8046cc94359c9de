using System.Collections.Immutable;
using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.Rolling;

/// <summary>
/// The state of one upgrade run, changed only by <see cref="RollingUpgradeMachine"/>. Rolling runs are
/// gated by the policy's health checks; Automatic and manual runs are one ungated batch.
/// </summary>
[GenerateSerializer, Immutable, Alias("vmss.RunState")]
public sealed record RunState
{
    /// <summary>The run's id.</summary>
    [Id(0)] public required string RunId { get; init; }

    /// <summary>What started the run.</summary>
    [Id(1)] public RunKind Kind { get; init; }

    /// <summary>User or Platform.</summary>
    [Id(2)] public string StartedBy { get; init; } = "User";

    /// <summary>The policy the run follows (echoed in the status).</summary>
    [Id(3)] public RollingUpgradePolicy Policy { get; init; } = RollingUpgradePolicy.Default;

    /// <summary>Batches and health checks apply (Rolling); false: one batch, no gate.</summary>
    [Id(4)] public bool Gated { get; init; } = true;

    /// <summary>The model version the run applies.</summary>
    [Id(5)] public int TargetModelVersion { get; init; }

    /// <summary>The image the run applies.</summary>
    [Id(6)] public ImageReference? TargetImage { get; init; }

    /// <summary>Instances not started yet.</summary>
    [Id(7)] public ImmutableHashSet<string> Pending { get; init; } = [];

    /// <summary>Instances of the current batch still upgrading.</summary>
    [Id(8)] public ImmutableHashSet<string> InFlight { get; init; } = [];

    /// <summary>Instances upgraded successfully in this run.</summary>
    [Id(9)] public ImmutableHashSet<string> Succeeded { get; init; } = [];

    /// <summary>Instances whose upgrade failed in this run.</summary>
    [Id(10)] public ImmutableDictionary<string, InstanceOutcome> Failed { get; init; } = ImmutableDictionary<string, InstanceOutcome>.Empty;

    /// <summary>The batches so far.</summary>
    [Id(11)] public ImmutableList<BatchRecord> Batches { get; init; } = [];

    /// <summary><c>runningStatus.code</c>.</summary>
    [Id(12)] public RunStatusCode Code { get; init; } = RunStatusCode.RollingForward;

    /// <summary>Where the run is.</summary>
    [Id(13)] public RunPhase Phase { get; init; } = RunPhase.Starting;

    /// <summary><c>runningStatus.startTime</c>.</summary>
    [Id(14)] public DateTimeOffset StartTime { get; init; }

    /// <summary><c>runningStatus.lastAction</c>: Start or Cancel.</summary>
    [Id(15)] public string LastAction { get; init; } = "Start";

    /// <summary><c>runningStatus.lastActionTime</c>.</summary>
    [Id(16)] public DateTimeOffset LastActionTime { get; init; }

    /// <summary>When the run ended.</summary>
    [Id(17)] public DateTimeOffset? EndTime { get; init; }

    /// <summary><c>error</c>, or null.</summary>
    [Id(18)] public RunError? Error { get; init; }

    /// <summary>A cancel was requested: no new batch starts.</summary>
    [Id(19)] public bool CancelRequested { get; init; }

    /// <summary>Counts the pause timers so that a stale one is ignored.</summary>
    [Id(20)] public int PauseToken { get; init; }

    /// <summary>The scale set's name (error targets are <c>{name}/virtualMachines/{id}</c>).</summary>
    [Id(21)] public string ScaleSet { get; init; } = "";

    /// <summary>Rollback counts (automatic OS upgrade rollback, rollback on policy breach).</summary>
    [Id(22)] public int RolledBackSucceeded { get; init; }

    /// <summary>Rollback counts that failed.</summary>
    [Id(23)] public int RolledBackFailed { get; init; }

    /// <summary>Simulation setting: the post-batch check divides by all instances (N) instead of those upgraded so far.</summary>
    [Id(24)] public bool UpgradedOverAll { get; init; }

    /// <summary>Automatic OS upgrade: an instance that stays unhealthy gets its previous OS disk back.</summary>
    [Id(25)] public bool AutomaticRollback { get; init; }

    /// <summary><c>osRollingUpgradeDeferral</c>: an instance's upgrade waits for approval.</summary>
    [Id(26)] public bool Deferred { get; init; }

    /// <summary>The critical instance of the batch under way so far (<see cref="CriticalInstance"/>); moved to its record when it ends.</summary>
    [Id(27)] public CriticalInstance? Critical { get; init; }

    /// <summary>
    /// An explicitly started OS or extension upgrade (<c>osRollingUpgrade</c>, <c>extensionRollingUpgrade</c>):
    /// its pre-batch health check runs even when no instance is in scope, so an unhealthy fleet faults it
    /// with <c>MaxUnhealthyInstancePercentExceededBeforeRollingUpgrade</c> instead of completing it empty.
    /// </summary>
    public bool ChecksHealthWhenEmpty => Kind is RunKind.OSUpgrade or RunKind.ExtensionUpgrade;

    /// <summary>
    /// maxSurge applies (docs/behaviour.md#maxsurge): a health-gated run that applies a model or an OS image creates a
    /// new instance for each one of a batch instead of taking the old one out of service.
    /// </summary>
    public bool Surges => Policy.MaxSurge && Gated && Kind is RunKind.RollingUpgrade or RunKind.OSUpgrade;

    /// <summary>True once the run has ended.</summary>
    public bool IsEnded => Phase == RunPhase.Ended;

    /// <summary>Azure's <c>progress</c> counters.</summary>
    public (int Successful, int Failed, int InProgress, int Pending) Progress =>
        (Succeeded.Count, Failed.Count, InFlight.Count, Pending.Count);
}
