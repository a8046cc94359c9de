using VmssGrains.Domain.Randomness;

namespace VmssGrains.Domain.Instances;

/// <summary>
/// Everything about one timed step of an operation (<see cref="InstanceStep"/>) in one place: when an operation's plan
/// runs it, its simulated duration, what beginning it does, what completing it does, and its name in the step
/// records. <see cref="OperationSteps"/> drives the definitions in order; the rest of the machine names no step.
/// </summary>
/// <remarks>
/// <para>To add a step: add the enum member and its one definition (a subclass of this class), listed in
/// <see cref="InstanceSteps.All"/> at the place where the step runs within an operation.</para>
/// <para>Every member that draws or decides takes the instance's profile (<see cref="InstanceProfile"/>: step
/// durations and faults), the one the operation's order names.</para>
/// <para>Each step draws from the operation's random stream in a fixed order: its duration first
/// (<see cref="Duration"/>), then whatever <see cref="Begin"/> decides (a failure). Changing that order changes every
/// seeded run.</para>
/// </remarks>
internal abstract class StepDefinition
{
    /// <summary>The step this definition is for.</summary>
    public abstract InstanceStep Step { get; }

    /// <summary>The step's name in <see cref="StepRecord.Step"/> (audit log, trace spans): drain, reimage, ...</summary>
    public abstract string Name { get; }

    /// <summary>How many times an operation with these facts runs the step (0: not at all).</summary>
    public abstract int Repeats(PlanFacts plan);

    /// <summary>
    /// Draws the step's duration (simulated time) from <paramref name="random"/>, the operation's stream, and returns
    /// the stream after the draw. <paramref name="state"/> has the operation under way, at this step, not yet begun.
    /// A zero duration completes the step at once.
    /// </summary>
    public abstract SeededRandom Duration(InstanceState state, InstanceProfile profile, SeededRandom random, out TimeSpan duration);

    /// <summary>
    /// What entering the step does to the instance, and the failure decided now (more draws from
    /// <paramref name="random"/>) that applies when the step ends. May add commands (an early report).
    /// </summary>
    public virtual StepBegin Begin(InstanceState state, InstanceProfile profile, SeededRandom random, DateTimeOffset now, List<InstanceCommand> commands) =>
        new(state, random, null);

    /// <summary>
    /// What ending the step does, given the <paramref name="failure"/> decided when it began: the operation goes on
    /// to the next step, or it is over (<see cref="StepEnd.Ended"/>).
    /// </summary>
    public abstract StepEnd Complete(InstanceState state, InstanceProfile profile, InstanceFailure? failure, DateTimeOffset now, List<InstanceCommand> commands);

    /// <summary>What the step works on, for <see cref="StepRecord.Extension"/> (the extension's name), or null.</summary>
    public virtual string? Subject(ActiveOperation active) => null;
}
