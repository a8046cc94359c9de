namespace VmssGrains.Domain.Fleet;

/// <summary>
/// Which instances a report lists in <c>scaleSets[].instances[]</c> (<c>simulate --instances</c>; docs/report.md).
/// Every scale set's <see cref="InstancesSummary"/> is in the report whatever the listing.
/// </summary>
public enum InstanceListing
{
    /// <summary>Every instance, in id order.</summary>
    All,

    /// <summary>Only the failed instances (<see cref="FailedInstances.IsFailed"/>), in id order.</summary>
    Failed,

    /// <summary>No instance.</summary>
    None,
}
