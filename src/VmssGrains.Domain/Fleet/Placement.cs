namespace VmssGrains.Domain.Fleet;

/// <summary>Where a new instance goes: its id, zone and fault domain.</summary>
[GenerateSerializer, Immutable, Alias("vmss.Placement")]
public sealed record Placement([property: Id(0)] string InstanceId, [property: Id(1)] string? Zone, [property: Id(2)] int FaultDomain);
