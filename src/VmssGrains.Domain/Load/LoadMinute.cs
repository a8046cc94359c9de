namespace VmssGrains.Domain.Load;

/// <summary>
/// What a load balancer's traffic did in one simulated minute where it was short of capacity (docs/report.md#load):
/// minutes without a record served what was offered, at no delay.
/// </summary>
/// <param name="Minute">The minute's index from the scenario start (minute 0 starts at the start).</param>
/// <param name="Deficit">Requests offered in the minute less requests served in it (negative when a queue drained).</param>
/// <param name="Dropped">Requests dropped in the minute.</param>
/// <param name="LatencySum">Simulated seconds the requests served in the minute waited in the queue, summed.</param>
[GenerateSerializer, Immutable, Alias("vmss.LoadMinute")]
public sealed record LoadMinute([property: Id(0)] long Minute, [property: Id(1)] double Deficit, [property: Id(2)] double Dropped, [property: Id(3)] double LatencySum);
