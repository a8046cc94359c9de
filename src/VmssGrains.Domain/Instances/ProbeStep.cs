using VmssGrains.Domain.Model;
using VmssGrains.Domain.Randomness;
using VmssGrains.Domain.Rolling;
using VmssGrains.Domain.Time;

namespace VmssGrains.Domain.Instances;

/// <summary>
/// Probing: waiting for the health source. A truly healthy VM is healthy after interval × numberOfProbes, if that is
/// within the health wait timeout; otherwise the step lasts the timeout and fails with
/// <see cref="RollingUpgradeErrors.InstanceUnhealthy"/> (which does not fail provisioning).
/// </summary>
internal sealed class ProbeStep : StepDefinition
{
    /// <inheritdoc/>
    public override InstanceStep Step => InstanceStep.Probing;

    /// <inheritdoc/>
    public override string Name => "probe";

    /// <summary>Once when the order has a health source, except for a Delete.</summary>
    public override int Repeats(PlanFacts plan) =>
        plan.Order.Kind != OperationKind.Delete && plan.Order.Health.Kind != HealthSourceKind.None ? 1 : 0;

    /// <summary>Interval × numberOfProbes, or the health wait timeout (its mean) when the VM will not be healthy in time: no draw.</summary>
    public override SeededRandom Duration(InstanceState state, InstanceProfile profile, SeededRandom random, out TimeSpan duration)
    {
        var order = state.Active!.Order;
        duration = BecomesHealthy(state, order, profile) ? order.Health.TimeToHealthy : order.HealthWaitTimeoutIn(profile);
        return random;
    }

    /// <summary>
    /// Health is Initializing (Application Health extension) or Unhealthy (load balancer probe) until the probes end.
    /// Automatic and Manual do not wait for health: the instance rejoins and reports now, and keeps probing.
    /// </summary>
    public override StepBegin Begin(InstanceState state, InstanceProfile profile, SeededRandom random, DateTimeOffset now, List<InstanceCommand> commands)
    {
        var order = state.Active!.Order;
        InstanceFailure? failure = null;
        if (!BecomesHealthy(state, order, profile))
        {
            failure = new InstanceFailure(
                RollingUpgradeErrors.InstanceUnhealthy,
                $"Instance found to be unhealthy or unreachable: it did not become healthy within the health wait timeout of {IsoDuration.Format(order.HealthWaitTimeoutIn(profile))}.",
                FailsProvisioning: false);
        }

        state = state with { Health = order.Health.Kind == HealthSourceKind.ApplicationHealthExtension ? HealthState.Initializing : HealthState.Unhealthy };
        if (!order.WaitForHealth && !state.Active!.Reported)
        {
            state = state with { InPool = true, ProvisioningState = "Succeeded", Active = state.Active! with { Reported = true } };
            commands.Add(new ReportOperation(OperationCompletion.Report(state, state.Active!, null)));
        }

        return new(state, random, failure);
    }

    /// <summary>
    /// After an early report the health is settled and the operation ends. Otherwise an unhealthy instance gets its
    /// previous OS disk back when the order rolls back on failure (<see cref="OsDiskRollback"/>), or the operation
    /// fails; a healthy one is Healthy.
    /// </summary>
    public override StepEnd Complete(InstanceState state, InstanceProfile profile, InstanceFailure? failure, DateTimeOffset now, List<InstanceCommand> commands)
    {
        var active = state.Active!;
        if (active.Reported)
        {
            // Health established after an ungated upgrade already reported.
            var settled = InstanceFaults.ArmRandomFault(state with { Health = failure is null ? HealthState.Healthy : HealthState.Unhealthy, Active = null, LastOperationEnd = now }, profile, now);
            commands.AddRange(settled.Commands);
            return StepEnd.Ended(settled.State);
        }

        if (failure is not null && OsDiskRollback.Applies(state, active) is { } previous)
        {
            return StepEnd.Next(OsDiskRollback.Begin(state, active, previous, failure));
        }

        return failure is not null
            ? StepEnd.Ended(OperationCompletion.Finish(state, profile, failure, now, commands))
            : StepEnd.Next(state with { Health = HealthState.Healthy });
    }

    private static bool BecomesHealthy(InstanceState state, UpgradeOrder order, InstanceProfile profile) =>
        state.IsTrulyHealthy && order.Health.TimeToHealthy <= order.HealthWaitTimeoutIn(profile);
}
