using VmssGrains.Domain.Model;
using VmssGrains.Domain.Randomness;

namespace VmssGrains.Domain.Instances;

/// <summary>Deleting the VM (<c>timing.delete</c>); the operation ends with the instance Deleted.</summary>
internal sealed class DeleteStep : StepDefinition
{
    /// <inheritdoc/>
    public override InstanceStep Step => InstanceStep.Deleting;

    /// <inheritdoc/>
    public override string Name => "delete";

    /// <summary>Once for a Delete order.</summary>
    public override int Repeats(PlanFacts plan) => plan.Order.Kind == OperationKind.Delete ? 1 : 0;

    /// <inheritdoc/>
    public override SeededRandom Duration(InstanceState state, InstanceProfile profile, SeededRandom random, out TimeSpan duration) =>
        profile.Timing.Delete.Draw(random, out duration);

    /// <summary>Out of the pools, stopped, unhealthy.</summary>
    public override StepBegin Begin(InstanceState state, InstanceProfile profile, SeededRandom random, DateTimeOffset now, List<InstanceCommand> commands) =>
        new(state with { InPool = false, Health = HealthState.Unhealthy, PowerState = "stopped" }, random, null);

    /// <summary>Reports the instance Deleted and ends the operation (no rejoin, no random fault armed).</summary>
    public override StepEnd Complete(InstanceState state, InstanceProfile profile, InstanceFailure? failure, DateTimeOffset now, List<InstanceCommand> commands)
    {
        var active = state.Active!;
        commands.Add(new ReportOperation(OperationCompletion.Report(state with { ProvisioningState = "Deleted" }, active, null)));
        return StepEnd.Ended(state with { ProvisioningState = "Deleted", Active = null, LastOperationEnd = now });
    }
}
