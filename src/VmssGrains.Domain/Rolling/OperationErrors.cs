using System.Collections.Immutable;

namespace VmssGrains.Domain.Rolling;

/// <summary>
/// The error of an operation that is not a rolling upgrade (Automatic mode, update-instances, reimage) when
/// instances failed: Azure fails the operation with the failing instance's own error (for example
/// <c>VMExtensionProvisioningError</c>), not with a rolling-upgrade code.
/// </summary>
public static class OperationErrors
{
    /// <summary>
    /// The first failed instance (in instance id order) gives the code and message; <c>details</c> has one entry
    /// per failed instance, targeted <c>{scaleSet}/virtualMachines/{id}</c>.
    /// </summary>
    /// <param name="scaleSet">The scale set's name.</param>
    /// <param name="failed">The instances that failed, at least one.</param>
    /// <exception cref="ArgumentException">No instance failed.</exception>
    public static RunError InstancesFailed(string scaleSet, IReadOnlyCollection<InstanceOutcome> failed)
    {
        var ordered = failed.OrderBy(o => o.InstanceId, InstanceOrder.Instance).ToList();
        if (ordered.Count == 0)
        {
            throw new ArgumentException("at least one instance must have failed", nameof(failed));
        }

        var first = ordered[0];
        var code = first.ErrorCode ?? RollingUpgradeErrors.InstanceUnhealthy;
        var message = first.ErrorMessage ?? "The operation failed on instance " + first.InstanceId + ".";
        var details = ordered
            .Select(o => new RunErrorDetail(o.ErrorCode ?? RollingUpgradeErrors.InstanceUnhealthy, RollingUpgradeErrors.Target(scaleSet, o.InstanceId), o.ErrorMessage ?? ""))
            .ToImmutableArray();
        return new RunError(code, message, details);
    }
}
