using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.Instances;

/// <summary>The end of an operation: rejoin the pool, set the final health and provisioning state, report.</summary>
internal static class OperationCompletion
{
    /// <summary>
    /// Ends the operation with <paramref name="failure"/> (null: it succeeded). Without a health source the health
    /// is what the VM really is; a failure leaves it Unhealthy, and Failed unless it does not fail provisioning. An
    /// operation that reported early (ungated) does not report again. A random fault is armed for what comes next.
    /// </summary>
    public static InstanceState Finish(InstanceState state, InstanceProfile profile, InstanceFailure? failure, DateTimeOffset now, List<InstanceCommand> commands)
    {
        var active = state.Active!;
        var order = active.Order;
        var health = failure is not null
            ? HealthState.Unhealthy
            : order.Health.Kind == HealthSourceKind.None
                ? (state.IsTrulyHealthy ? HealthState.Healthy : HealthState.Unhealthy)
                : state.Health;
        state = state with
        {
            InPool = !state.LoadBalancers.IsEmpty,
            Health = health,
            PowerState = failure?.Code == "AllocationFailed" ? "stopped" : state.PowerState,
            ProvisioningState = failure is { FailsProvisioning: true } ? "Failed" : "Succeeded",
            LastError = active.RolledBackFrom is { } original
                ? $"{original.Message} The previous OS disk ({active.Order.TargetImage}) was restored{(failure is null ? "" : $", but: {failure.Message}")}."
                : failure?.Message,
            Active = null,
            LastOperationEnd = now,
        };
        if (!active.Reported)
        {
            // After a rollback the upgrade still failed; the rollback's own outcome travels with it.
            var report = Report(state, active, active.RolledBackFrom ?? failure);
            if (active.RolledBackFrom is not null)
            {
                report = report with { Outcome = report.Outcome with { RolledBack = failure is null } };
            }

            commands.Add(new ReportOperation(report));
        }

        var armed = InstanceFaults.ArmRandomFault(state, profile, now);
        commands.AddRange(armed.Commands);
        return armed.State;
    }

    /// <summary>The report of <paramref name="active"/>: run, outcome, the instance's summary, the steps so far.</summary>
    public static InstanceReport Report(InstanceState state, ActiveOperation active, InstanceFailure? failure) =>
        new(active.Order.RunId, new Rolling.InstanceOutcome(state.InstanceId, failure is null, failure?.Code, failure?.Message), state.ToSummary(), active.Order.Kind)
        {
            Steps = active.History,
            StartedAt = active.StartedAt,
            TraceParent = active.Order.TraceParent,
            OrderSerial = active.Order.Serial,
        };
}
