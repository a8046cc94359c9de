namespace VmssGrains.Domain.Load;

/// <summary>One point of a piecewise offered-load curve (docs/behaviour.md#offered-load-curve).</summary>
/// <param name="AtSeconds">Simulated seconds from the scenario start.</param>
/// <param name="RequestsPerSecond">Offered requests per simulated second at that instant.</param>
[GenerateSerializer, Immutable, Alias("vmss.LoadCurvePoint")]
public sealed record LoadCurvePoint([property: Id(0)] double AtSeconds, [property: Id(1)] double RequestsPerSecond);
