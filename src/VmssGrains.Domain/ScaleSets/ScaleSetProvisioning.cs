using VmssGrains.Domain.Rolling;

namespace VmssGrains.Domain.ScaleSets;

/// <summary>
/// The scale set's own <c>provisioningState</c>, as <c>show</c> and the instance view report it: <c>Updating</c> while a
/// run or a scale operation is under way; <c>Failed</c> when its last model operation (create, update, scale) failed on
/// its instances — an Automatic update or update-instances whose instance failed, a scale-out whose new instances
/// failed to provision — as Azure marks a scale set whose operation failed; otherwise <c>Succeeded</c>. A rolling
/// upgrade that faulted leaves the scale set Succeeded: the model was applied, the rolling upgrade is what failed.
/// </summary>
public static class ScaleSetProvisioning
{
    /// <summary>The state from the scale set's operations (oldest first) and runs.</summary>
    public static string State(bool busy, IReadOnlyList<OperationStatus> operations, IReadOnlyList<RunRecord> runs)
    {
        if (busy)
        {
            return "Updating";
        }

        var last = operations.LastOrDefault(o => o.IsDone && o.Operation is "CreateOrUpdate" or "Update" or "Scale");
        var failedOnInstances = last is { Status: "Failed" }
            && (last.Operation == "Scale" || runs.Any(r => r.Run.RunId == last.RunId && r.Run.Code == RunStatusCode.Failed));
        return failedOnInstances ? "Failed" : "Succeeded";
    }
}
