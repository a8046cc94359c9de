namespace VmssGrains.Domain.ScaleSets;

/// <summary>The fleet of one scale set at a simulated instant: in service, upgrading, unhealthy.</summary>
[GenerateSerializer, Immutable, Alias("vmss.TimelinePoint")]
public sealed record TimelinePoint(
    [property: Id(0)] DateTimeOffset Time,
    [property: Id(1)] int InService,
    [property: Id(2)] int Upgrading,
    [property: Id(3)] int Unhealthy);
