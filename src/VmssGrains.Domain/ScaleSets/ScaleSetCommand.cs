using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;

namespace VmssGrains.Domain.ScaleSets;

/// <summary>What the machine asks its carrier (grain or reference engine) to do, in order, or a fact it observes.</summary>
public abstract record ScaleSetCommand;

/// <summary>Creates an instance (its state starts from the spec).</summary>
public sealed record CreateInstance(InstanceSpec Spec) : ScaleSetCommand;

/// <summary>
/// Creates again an instance that lost its state (its silo died) from <paramref name="Spec"/>, made of the scale set's
/// summary; carried out (and waited for) before the commands after it, which give it its order again.
/// </summary>
public sealed record RestoreInstance(InstanceSpec Spec) : ScaleSetCommand;

/// <summary>
/// Gives an instance an order; it reports back when the operation ends. <paramref name="Serial"/>: the order's serial for
/// this instance (<see cref="Instances.UpgradeOrder.Serial"/>), numbered by <see cref="ScaleSetMachine.Decide"/>.
/// </summary>
public sealed record StartOrder(string InstanceId, OrderRequest Order, long Serial = 0) : ScaleSetCommand;

/// <summary>Removes an instance at once (a surge instance that could not be allocated, the scale set deleted).</summary>
public sealed record RemoveInstance(string InstanceId) : ScaleSetCommand;

/// <summary>Sets an instance's protection policy.</summary>
public sealed record SetInstanceProtection(string InstanceId, bool ProtectFromScaleIn, bool ProtectFromScaleSetActions) : ScaleSetCommand;

/// <summary>
/// Wake the machine with <see cref="WakeUpDue"/>: at the end of the current simulated instant (<paramref name="Delay"/>
/// null), or after <paramref name="Delay"/> of simulated time. <paramref name="PlatformWork"/>: until it is due the
/// wake-up is work the platform has scheduled (a scenario does not end before it).
/// </summary>
public sealed record WakeUp(long Token, TimeSpan? Delay, bool PlatformWork = false) : ScaleSetCommand;

/// <summary>Drops every wake-up asked for (the scale set is deleted); those that were platform work no longer count.</summary>
public sealed record ClearWakeUps : ScaleSetCommand;

/// <summary>Tells a load balancer the capacity the scale set asks of it (0: none).</summary>
public sealed record SetTargetCapacity(string LoadBalancer, int Capacity) : ScaleSetCommand;

/// <summary>Follows an image's publications (automatic OS image upgrades) instead of <paramref name="Previous"/>; null: none.</summary>
public sealed record FollowImage(string? Previous, string? Image) : ScaleSetCommand;

/// <summary>The scale set now exists (<paramref name="Exists"/>) or no longer does: the registry and the gallery hear of it.</summary>
public sealed record Register(bool Exists) : ScaleSetCommand;

/// <summary>Fact: an entry of the activity log. <paramref name="Caller"/> null: whoever made the request; <paramref name="Step"/>: an instance operation's step.</summary>
public sealed record Audited(
    string Action,
    string Result,
    string? RunId = null,
    int? Batch = null,
    string? InstanceId = null,
    string? Message = null,
    string? Caller = null,
    string? Step = null) : ScaleSetCommand;

/// <summary>Fact: an instance's summary changed (null: none), with whether it was and is on the latest model.</summary>
public sealed record InstanceChanged(InstanceSummary? Before, bool BeforeLatest, InstanceSummary? After, bool AfterLatest) : ScaleSetCommand;

/// <summary>Fact: a run started.</summary>
public sealed record RunStarted(RunState Run) : ScaleSetCommand;

/// <summary>Fact: a run's batch started; <paramref name="Health"/> is measured for health-gated runs.</summary>
public sealed record BatchStarted(RunState Run, BatchRecord Batch, RunHealth? Health) : ScaleSetCommand;

/// <summary>Fact: a run's batch ended, <paramref name="Failed"/> of its instances failed; <paramref name="Health"/> as for <see cref="BatchStarted"/>.</summary>
public sealed record BatchEnded(RunState Run, BatchRecord Batch, int Failed, RunHealth? Health) : ScaleSetCommand;

/// <summary>Fact: a run's counts as they are now (after every change of the run).</summary>
public sealed record RunProgressed(RunState Run) : ScaleSetCommand;

/// <summary>Fact: a run ended (Completed, Faulted, Failed or Cancelled); <paramref name="Health"/> as for <see cref="BatchStarted"/>.</summary>
public sealed record RunFinished(RunState Run, RunHealth? Health) : ScaleSetCommand;

/// <summary>Fact: a run under way ended because the scale set was deleted.</summary>
public sealed record RunDeleted(RunState Run) : ScaleSetCommand;

/// <summary>Fact: an automatic repair started or ended.</summary>
public sealed record RepairObserved(RepairAction Action, string Result) : ScaleSetCommand;

/// <summary>Starts (<paramref name="Unhealthy"/>) or ends the <c>unhealthy</c> fault on an instance.</summary>
public sealed record SetInstanceUnhealthy(string InstanceId, bool Unhealthy) : ScaleSetCommand;
