using VmssGrains.Domain.Model;
using VmssGrains.Domain.Randomness;

namespace VmssGrains.Domain.Instances;

/// <summary>Restarting in place (<c>timing.restart</c>): the disks stay as they are.</summary>
internal sealed class RestartStep : StepDefinition
{
    /// <inheritdoc/>
    public override InstanceStep Step => InstanceStep.Restarting;

    /// <inheritdoc/>
    public override string Name => "restart";

    /// <summary>Once for a Restart order.</summary>
    public override int Repeats(PlanFacts plan) => plan.Order.Kind == OperationKind.Restart ? 1 : 0;

    /// <inheritdoc/>
    public override SeededRandom Duration(InstanceState state, InstanceProfile profile, SeededRandom random, out TimeSpan duration) =>
        profile.Timing.Restart.Draw(random, out duration);

    /// <summary>The VM is starting again: unhealthy.</summary>
    public override StepBegin Begin(InstanceState state, InstanceProfile profile, SeededRandom random, DateTimeOffset now, List<InstanceCommand> commands) =>
        new(state with { Health = HealthState.Unhealthy, PowerState = "starting" }, random, null);

    /// <summary>The VM runs.</summary>
    public override StepEnd Complete(InstanceState state, InstanceProfile profile, InstanceFailure? failure, DateTimeOffset now, List<InstanceCommand> commands) =>
        StepEnd.Next(state with { PowerState = "running" });
}
