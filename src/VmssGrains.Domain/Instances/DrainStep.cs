using VmssGrains.Domain.Randomness;

namespace VmssGrains.Domain.Instances;

/// <summary>Draining: out of the load balancers' backend pools while in-flight work ends (<c>timing.drain</c>).</summary>
internal sealed class DrainStep : StepDefinition
{
    /// <inheritdoc/>
    public override InstanceStep Step => InstanceStep.Draining;

    /// <inheritdoc/>
    public override string Name => "drain";

    /// <summary>
    /// Once when the order drains (Uniform) an instance that serves from a pool; never for a new VM (in no pool yet)
    /// nor for an OS disk rollback (the upgrade already took the instance out of the pool).
    /// </summary>
    public override int Repeats(PlanFacts plan) =>
        !plan.Rollback && plan.Order.Drain && plan.State.InPool && !plan.State.LoadBalancers.IsEmpty && plan.Order.Kind != OperationKind.Provision ? 1 : 0;

    /// <inheritdoc/>
    public override SeededRandom Duration(InstanceState state, InstanceProfile profile, SeededRandom random, out TimeSpan duration) =>
        profile.Timing.Drain.Draw(random, out duration);

    /// <summary>Leaves the backend pools.</summary>
    public override StepBegin Begin(InstanceState state, InstanceProfile profile, SeededRandom random, DateTimeOffset now, List<InstanceCommand> commands) =>
        new(state with { InPool = false }, random, null);

    /// <inheritdoc/>
    public override StepEnd Complete(InstanceState state, InstanceProfile profile, InstanceFailure? failure, DateTimeOffset now, List<InstanceCommand> commands) =>
        StepEnd.Next(state);
}
