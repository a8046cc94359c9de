namespace VmssGrains.Domain.Fleet;

/// <summary>What a promotion gate (<see cref="PromotionGate"/>) decided about the action it guards.</summary>
/// <param name="Passed">True: the action is played.</param>
/// <param name="Code">Why it was not played (one of <see cref="PromotionGate"/>'s codes); null when it passed.</param>
/// <param name="Message">One sentence naming the gate, the awaited operation's outcome and the failed percentage; null when it passed.</param>
/// <param name="FailedInstances">The failed instances of the gate's scale set when it decided.</param>
/// <param name="InstanceCount">The instances of the gate's scale set when it decided.</param>
public sealed record GateVerdict(bool Passed, string? Code, string? Message, int FailedInstances, int InstanceCount)
{
    /// <summary>The failed instances as a percentage of the instances (0 for a scale set without instances).</summary>
    public double FailedPercent => PromotionGate.Percent(FailedInstances, InstanceCount);
}
