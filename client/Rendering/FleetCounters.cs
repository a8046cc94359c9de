namespace VmssGrains.Client.Rendering;

/// <summary>
/// The fleet's counters at one moment, for live progress: immutable, so that a poll on one thread can hand them to a
/// redraw on another.
/// </summary>
/// <param name="Ended">Instance operations (or upgrades) ended since the scenario started: a count that only grows.</param>
/// <param name="UnderWay">Instance operations (or upgrades) under way now.</param>
/// <param name="Simulated">Simulated time since the scenario started.</param>
public sealed record FleetCounters(long Ended, long UnderWay, TimeSpan Simulated)
{
    /// <summary>Nothing yet: the counters before the first read.</summary>
    public static readonly FleetCounters Zero = new(0, 0, TimeSpan.Zero);
}
