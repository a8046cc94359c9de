using System.Collections.Immutable;

namespace VmssGrains.Domain.ScaleSets;

/// <summary>The outcome of <see cref="ScaleSetMachine.Decide"/>.</summary>
/// <param name="State">The new state.</param>
/// <param name="Commands">What to carry out, in order.</param>
/// <param name="Operation">The long-running operation a request started or ended, if any.</param>
public sealed record ScaleSetTransition(ScaleSetState State, ImmutableArray<ScaleSetCommand> Commands, OperationStatus? Operation)
{
    /// <summary>
    /// The new state must be written to storage: after a request, and when a run started, a batch started or ended, or
    /// a run ended. Not at every report or wake-up in between: the state holds every instance, so a write costs in
    /// proportion to the fleet (writing at every report made 10,000 instances take minutes), and what a silo that dies
    /// in between loses is replayed from the instances' next reports. A deleted scale set is written too: it keeps its
    /// generation, so one created again under its name gets new instance-profile keys.
    /// </summary>
    public bool Checkpoint { get; init; }
}
