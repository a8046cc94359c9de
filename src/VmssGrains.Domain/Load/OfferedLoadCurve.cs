using System.Collections.Immutable;

namespace VmssGrains.Domain.Load;

/// <summary>
/// Offered requests per simulated second over the day (docs/behaviour.md#offered-load-curve): either piecewise
/// (<see cref="Points"/>, linear between points, the first at second 0, the last value held after the last point)
/// or diurnal (a sine over 24 h around <see cref="MeanRequestsPerSecond"/>, highest at <see cref="PeakSeconds"/>).
/// Times are simulated seconds from the scenario start; integrals are closed forms, never sampled.
/// </summary>
[GenerateSerializer, Immutable, Alias("vmss.OfferedLoadCurve")]
public sealed record OfferedLoadCurve
{
    /// <summary>Seconds in a day: the diurnal period.</summary>
    public const double Day = 86_400;

    /// <summary>The piecewise points, ascending and starting at 0 (empty for a diurnal curve).</summary>
    [Id(0)] public ImmutableArray<LoadCurvePoint> Points { get; init; } = [];

    /// <summary>Diurnal: the mean offered rate (requests per simulated second).</summary>
    [Id(1)] public double MeanRequestsPerSecond { get; init; }

    /// <summary>Diurnal: the swing either side of the mean, as a fraction of it (0–1).</summary>
    [Id(2)] public double Amplitude { get; init; }

    /// <summary>Diurnal: seconds from the scenario start to a daily peak (any; the curve repeats every 24 h).</summary>
    [Id(3)] public double PeakSeconds { get; init; }

    private bool Diurnal => Points.IsDefaultOrEmpty;

    private const double Omega = 2 * Math.PI / Day;

    /// <summary>The offered rate at <paramref name="t"/> seconds from the start.</summary>
    public double Rate(double t)
    {
        if (Diurnal)
        {
            return MeanRequestsPerSecond * (1 + (Amplitude * Math.Cos(Omega * (t - PeakSeconds))));
        }

        var i = Segment(t);
        if (i >= Points.Length - 1 || t <= Points[0].AtSeconds)
        {
            return Points[Math.Clamp(i, 0, Points.Length - 1)].RequestsPerSecond;
        }

        var (a, b) = (Points[i], Points[i + 1]);
        return a.RequestsPerSecond + ((b.RequestsPerSecond - a.RequestsPerSecond) * (t - a.AtSeconds) / (b.AtSeconds - a.AtSeconds));
    }

    /// <summary>Requests offered over [<paramref name="from"/>, <paramref name="to"/>] (seconds from the start), exactly.</summary>
    public double Integral(double from, double to)
    {
        if (to <= from)
        {
            return 0;
        }

        if (Diurnal)
        {
            return MeanRequestsPerSecond * ((to - from) + (Amplitude / Omega * (Math.Sin(Omega * (to - PeakSeconds)) - Math.Sin(Omega * (from - PeakSeconds)))));
        }

        // Trapezoids between the breakpoints inside the interval: exact for a piecewise-linear rate.
        var sum = 0.0;
        var t = from;
        var i = Segment(from);
        while (t < to)
        {
            var next = i + 1 < Points.Length && Points[i + 1].AtSeconds > t ? Math.Min(to, Points[i + 1].AtSeconds) : to;
            sum += (Rate(t) + Rate(next)) / 2 * (next - t);
            t = next;
            i++;
        }

        return sum;
    }

    /// <summary>The highest rate over [<paramref name="from"/>, <paramref name="to"/>].</summary>
    public double Max(double from, double to)
    {
        var max = Math.Max(Rate(from), Rate(to));
        if (Diurnal)
        {
            // A cosine has its maxima only at the peaks: one inside the interval is the highest value.
            var nextPeak = PeakSeconds + (Math.Ceiling((from - PeakSeconds) / Day) * Day);
            return nextPeak <= to ? MeanRequestsPerSecond * (1 + Amplitude) : max;
        }

        for (var i = Segment(from) + 1; i < Points.Length && Points[i].AtSeconds < to; i++)
        {
            max = Math.Max(max, Points[i].RequestsPerSecond);
        }

        return max;
    }

    /// <summary>The index of the last point at or before <paramref name="t"/> (0 before the first).</summary>
    private int Segment(double t)
    {
        int lo = 0, hi = Points.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) / 2;
            if (Points[mid].AtSeconds <= t)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }
}
