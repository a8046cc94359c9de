namespace VmssGrains.Domain.Load;

/// <summary>
/// Warm-up after a backend rejoins the pool (docs/behaviour.md#warm-up): it serves <see cref="StartPercent"/> of its
/// capacity when it comes back into service, rising linearly to 100 % over <see cref="DurationSeconds"/> simulated seconds.
/// </summary>
/// <param name="DurationSeconds">Simulated seconds from rejoining to full capacity; above 0.</param>
/// <param name="StartPercent">The share of its capacity a backend serves the instant it rejoins, 0–100.</param>
[GenerateSerializer, Immutable, Alias("vmss.WarmUp")]
public sealed record WarmUp([property: Id(0)] double DurationSeconds, [property: Id(1)] double StartPercent)
{
    /// <summary>
    /// The integral of one warming backend's capacity share (0–1) over [<paramref name="from"/>, <paramref name="to"/>],
    /// in simulated seconds, for a backend that rejoined at <paramref name="since"/> (all three in seconds on one axis, since ≤ from).
    /// </summary>
    public double ShareIntegral(double since, double from, double to)
    {
        if (to <= from)
        {
            return 0;
        }

        var p = StartPercent / 100;
        var full = since + DurationSeconds;
        var rampTo = Math.Min(to, full);
        var ramp = 0.0;
        if (rampTo > from)
        {
            // Linear from p at `since` to 1 at `full`: the mean of the end values times the length.
            double Share(double t) => p + ((1 - p) * (t - since) / DurationSeconds);
            ramp = (Share(from) + Share(rampTo)) / 2 * (rampTo - from);
        }

        return ramp + Math.Max(0, to - Math.Max(from, full));
    }

    /// <summary>The capacity share (0–1) at <paramref name="t"/> of a backend that rejoined at <paramref name="since"/> (seconds).</summary>
    public double Share(double since, double t) =>
        t >= since + DurationSeconds ? 1 : (StartPercent / 100) + ((1 - (StartPercent / 100)) * Math.Max(0, t - since) / DurationSeconds);
}
