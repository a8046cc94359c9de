namespace VmssGrains.Domain.ScaleSets;

/// <summary>An instance whose order in flight was lost (<see cref="InstanceOperationsLost"/>).</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="StateLost">The instance lost its state (its silo died): it is created again from the scale set's summary.</param>
[GenerateSerializer, Immutable, Alias("vmss.LostOperation")]
public sealed record LostOperation([property: Id(0)] string InstanceId, [property: Id(1)] bool StateLost);
