using System.Collections.Immutable;

namespace VmssGrains.Domain.ScaleSets;

/// <summary>The outcome of <see cref="ScaleSetMachine.Decide"/>.</summary>
/// <param name="State">The new state.</param>
/// <param name="Commands">What to carry out, in order.</param>
/// <param name="Operation">The long-running operation a request started or ended, if any.</param>
public sealed record ScaleSetTransition(ScaleSetState State, ImmutableArray<ScaleSetCommand> Commands, OperationStatus? Operation);
