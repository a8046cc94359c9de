using VmssGrains.Domain.Randomness;

namespace VmssGrains.Domain.Instances;

/// <summary>Booting: the first boot of a new OS disk (<c>timing.boot</c>).</summary>
internal sealed class BootStep : StepDefinition
{
    /// <inheritdoc/>
    public override InstanceStep Step => InstanceStep.Booting;

    /// <inheritdoc/>
    public override string Name => "boot";

    /// <summary>Once when the order replaces the OS disk, after the reimage.</summary>
    public override int Repeats(PlanFacts plan) => plan.ReplacesDisk ? 1 : 0;

    /// <inheritdoc/>
    public override SeededRandom Duration(InstanceState state, InstanceProfile profile, SeededRandom random, out TimeSpan duration) =>
        profile.Timing.Boot.Draw(random, out duration);

    /// <summary>The VM is starting.</summary>
    public override StepBegin Begin(InstanceState state, InstanceProfile profile, SeededRandom random, DateTimeOffset now, List<InstanceCommand> commands) =>
        new(state with { PowerState = "starting" }, random, null);

    /// <summary>The VM runs.</summary>
    public override StepEnd Complete(InstanceState state, InstanceProfile profile, InstanceFailure? failure, DateTimeOffset now, List<InstanceCommand> commands) =>
        StepEnd.Next(state with { PowerState = "running" });
}
