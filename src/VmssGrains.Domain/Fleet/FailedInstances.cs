using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.Fleet;

/// <summary>
/// Which instances a report calls failed (<c>failedInstanceIds</c>, <c>simulate --instances failed</c>), decided from
/// what the scale set knows of each instance (<see cref="InstanceSummary"/>), without asking the instance.
/// </summary>
public static class FailedInstances
{
    /// <summary>
    /// An instance is failed when its provisioning state is <c>Failed</c> (its last operation failed: an extension
    /// that does not suppress failures, an allocation failure), or when no operation is under way on it and its
    /// health is not <c>Healthy</c> (a health probe or the Application Health extension says Unhealthy or Unknown:
    /// an image that never became healthy, an <c>unhealthy</c> fault, a random failure). An instance still being
    /// created, updated or deleted, or whose health is still being established after an ungated (Automatic or Manual)
    /// upgrade, is not failed yet. An extension that failed with <c>suppressFailures</c> leaves the instance fine, as
    /// in Azure; so does a rollback to the previous OS disk that made the instance healthy again.
    /// </summary>
    public static bool IsFailed(InstanceSummary instance)
    {
        ArgumentNullException.ThrowIfNull(instance);
        return instance.ProvisioningState == "Failed"
            || (!instance.Busy && !instance.Settling && instance.Health != HealthState.Healthy);
    }
}
