namespace VmssGrains.Simulation.Scenarios;

/// <summary>
/// An action's <c>after</c> (docs/contracts.md#promotion-gates): the action is not due at a time but when the operation
/// that an earlier action of the file started on <see cref="ScaleSet"/> ends, and it is played only if that operation
/// succeeded with at most <see cref="MaxFailedInstancePercent"/> of the scale set's instances failed
/// (<see cref="Domain.Fleet.PromotionGate"/>).
/// </summary>
/// <param name="ScaleSet">The scale set whose operation it waits for (a staging or canary scale set).</param>
/// <param name="MaxFailedInstancePercent">The largest share of that scale set's instances that may be failed, 0–100 (inclusive).</param>
/// <param name="Awaits">The JSON path of the action it waits for: the last action before it in <c>actions[]</c> that starts an operation on <see cref="ScaleSet"/>.</param>
public sealed record ScenarioGate(string ScaleSet, double MaxFailedInstancePercent, string Awaits);
