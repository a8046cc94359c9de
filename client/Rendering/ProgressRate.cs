namespace VmssGrains.Client.Rendering;

/// <summary>
/// A count's rate per wall second over the last interval: each sample at least <see cref="Interval"/> after the
/// previous measured one closes an interval and measures it; samples in between show the last measured rate, and
/// before the first interval has closed, the rate since the start. Not thread-safe: one display samples it.
/// </summary>
/// <param name="interval">The shortest wall time measured over (a display's refresh period, or the time between two lines).</param>
public sealed class ProgressRate(TimeSpan interval)
{
    private TimeSpan anchorWall;
    private long anchorCount;
    private double? measured;

    /// <summary>The shortest wall time a rate is measured over.</summary>
    public TimeSpan Interval => interval;

    /// <summary>The rate, per wall second, with <paramref name="count"/> reached after <paramref name="wall"/> of wall time since the start.</summary>
    public double Sample(long count, TimeSpan wall)
    {
        var span = wall - anchorWall;
        if (span >= interval && span > TimeSpan.Zero)
        {
            measured = (count - anchorCount) / span.TotalSeconds;
            anchorWall = wall;
            anchorCount = count;
        }

        return measured ?? (span > TimeSpan.Zero ? (count - anchorCount) / span.TotalSeconds : 0);
    }

    /// <summary>The average rate, per wall second, over <paramref name="wall"/> since the start (0 at the start).</summary>
    public static double Average(long count, TimeSpan wall) => wall > TimeSpan.Zero ? count / wall.TotalSeconds : 0;
}
