using System.Globalization;
using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.Fleet;

/// <summary>
/// A promotion gate (staging before production): an action that waits for an operation on another scale set is played
/// only if that operation ended <c>Succeeded</c> (a rolling run that completed, even with failed instances within its
/// policy) and at most <c>maxFailedInstancePercent</c> of that scale set's instances were failed when it ended, failed as
/// the report counts them (<see cref="FailedInstances.IsFailed"/>). The limit is inclusive: 1 failed of 20 (5 %) passes a
/// 5 % gate. The codes are the simulator's own (Azure has no such gate; a deployment pipeline's stage check does this).
/// </summary>
public static class PromotionGate
{
    /// <summary>The awaited operation succeeded, but more than the allowed share of the scale set's instances are failed.</summary>
    public const string FailedInstancePercentExceeded = "GateFailedInstancePercentExceeded";

    /// <summary>The awaited operation ended otherwise than Succeeded (Failed, Canceled), or the action that should have started it failed or was skipped.</summary>
    public const string OperationNotSucceeded = "GateOperationNotSucceeded";

    /// <summary>The scenario ended (its <c>until</c>) before the awaited operation did, or before the action that starts it was played.</summary>
    public const string OperationNotEnded = "GateOperationNotEnded";

    /// <summary>
    /// Decides on an awaited operation that ended.
    /// </summary>
    /// <param name="scaleSet">The gate's scale set (the one the awaited operation ran on).</param>
    /// <param name="awaited">The awaited action as people read it, e.g. <c>update at PT1M</c>.</param>
    /// <param name="status">How it ended: Succeeded, Failed, Canceled (an operation's status) or Skipped (its own gate).</param>
    /// <param name="errorCode">Its error code, if any.</param>
    /// <param name="endedAt">When it ended, as an ISO 8601 offset from the scenario's start.</param>
    /// <param name="instances">The gate's scale set's instances when it ended.</param>
    /// <param name="maxFailedInstancePercent">The gate's limit, 0–100.</param>
    public static GateVerdict Decide(string scaleSet, string awaited, string status, string? errorCode, string endedAt, IReadOnlyCollection<InstanceSummary> instances, double maxFailedInstancePercent)
    {
        ArgumentNullException.ThrowIfNull(instances);
        var failed = instances.Count(FailedInstances.IsFailed);
        var count = instances.Count;
        var share = string.Create(CultureInfo.InvariantCulture, $"{failed} of {count} instances failed ({Format(Percent(failed, count))} %)");
        if (status != "Succeeded")
        {
            var error = errorCode is null ? "" : $" ({errorCode})";
            return new GateVerdict(false, OperationNotSucceeded, $"gate after '{scaleSet}': the {awaited} ended {status}{error} at {endedAt} with {share}; not played", failed, count);
        }

        return Percent(failed, count) > maxFailedInstancePercent
            ? new GateVerdict(false, FailedInstancePercentExceeded, $"gate after '{scaleSet}': the {awaited} Succeeded at {endedAt} with {share}, above maxFailedInstancePercent {Format(maxFailedInstancePercent)}; not played", failed, count)
            : new GateVerdict(true, null, null, failed, count);
    }

    /// <summary>The verdict when the scenario ended at <paramref name="endedAt"/> with the awaited action still <paramref name="status"/> (InProgress, or not played).</summary>
    public static GateVerdict NotEnded(string scaleSet, string awaited, string? status, string endedAt) => new(
        false,
        OperationNotEnded,
        status is null
            ? $"gate after '{scaleSet}': the {awaited} was not played before the scenario ended at {endedAt}; not played"
            : $"gate after '{scaleSet}': the {awaited} was still {status} when the scenario ended at {endedAt}; not played",
        0,
        0);

    /// <summary><paramref name="failed"/> as a percentage of <paramref name="count"/>; 0 when <paramref name="count"/> is 0.</summary>
    public static double Percent(int failed, int count) => count == 0 ? 0 : failed * 100.0 / count;

    /// <summary>A percentage as the report writes it: at most three decimals, invariant.</summary>
    private static string Format(double percent) => Math.Round(percent, 3).ToString("0.###", CultureInfo.InvariantCulture);
}
