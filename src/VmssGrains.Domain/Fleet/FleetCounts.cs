namespace VmssGrains.Domain.Fleet;

/// <summary>How many instances are in service, upgrading and unhealthy: one point of the report's timeline.</summary>
[GenerateSerializer, Immutable, Alias("vmss.FleetCounts")]
public readonly record struct FleetCounts([property: Id(0)] int InService, [property: Id(1)] int Upgrading, [property: Id(2)] int Unhealthy)
{
    /// <summary>The contribution of one instance.</summary>
    public static FleetCounts Of(Model.InstanceSummary instance) => instance.Busy
        ? new FleetCounts(0, 1, 0)
        : new FleetCounts(instance.Health == Model.HealthState.Healthy ? 1 : 0, 0, instance.IsUnhealthy ? 1 : 0);

    /// <summary>Adds counts.</summary>
    public static FleetCounts operator +(FleetCounts a, FleetCounts b) => new(a.InService + b.InService, a.Upgrading + b.Upgrading, a.Unhealthy + b.Unhealthy);

    /// <summary>Subtracts counts.</summary>
    public static FleetCounts operator -(FleetCounts a, FleetCounts b) => new(a.InService - b.InService, a.Upgrading - b.Upgrading, a.Unhealthy - b.Unhealthy);
}
