using VmssGrains.Domain.Randomness;

namespace VmssGrains.Domain.Instances;

/// <summary>What beginning a step did: the instance, the operation's stream after the step's draws, the failure it decided.</summary>
internal readonly record struct StepBegin(InstanceState State, SeededRandom Random, InstanceFailure? Failure);

/// <summary>What ending a step did: the instance, and whether the operation is over (reported, or deleted).</summary>
internal readonly record struct StepEnd(InstanceState State, bool Finished)
{
    /// <summary>The operation goes on with its next step.</summary>
    public static StepEnd Next(InstanceState state) => new(state, false);

    /// <summary>The step ended the operation; <paramref name="state"/> has no operation under way any more.</summary>
    public static StepEnd Ended(InstanceState state) => new(state, true);
}

/// <summary>
/// What decides an operation's steps (<see cref="StepDefinition.Repeats"/>): the instance when the order arrives, the
/// order, whether it replaces the OS disk, the extensions it runs, and whether it is an OS disk rollback.
/// </summary>
internal sealed record PlanFacts(InstanceState State, UpgradeOrder Order, bool ReplacesDisk, int Extensions, bool Rollback);
