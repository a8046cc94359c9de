namespace VmssGrains.Domain.Load;

/// <summary>Requests waiting in a load balancer's queue that arrived in one simulated second (docs/behaviour.md#queueing).</summary>
/// <param name="Second">The index of the second they arrived in, from the scenario start.</param>
/// <param name="Count">How many still wait.</param>
[GenerateSerializer, Immutable, Alias("vmss.QueuedRequests")]
public sealed record QueuedRequests([property: Id(0)] long Second, [property: Id(1)] double Count);
