namespace VmssGrains.Grains.Clock;

/// <summary>
/// Marks the timers that belong to the simulation. Orleans creates every grain timer through the
/// Grains-area <see cref="TimeProvider"/>; only timers created inside <see cref="Create"/> (by
/// <see cref="SimulatedTime"/>) run on simulated time, all others (the dashboard's, Orleans' own) stay on
/// wall time, or an idle virtual clock would race ahead of them.
/// </summary>
public static class SimulationTimers
{
    [ThreadStatic]
    private static bool creating;

    /// <summary>The virtual timer the clock made inside the <see cref="Create"/> running on this thread, if any.</summary>
    [ThreadStatic]
    private static VirtualTimer? made;

    /// <summary>True while a simulation timer is being created on this thread.</summary>
    public static bool IsCreating => creating;

    /// <summary>
    /// Runs <paramref name="create"/> with the simulation mark set: the timer it creates through the clock runs on
    /// simulated time. Returns it with the virtual timer under it (none on the scaled and real clocks), which its ticks
    /// begin with (<see cref="SimulationTimer{T}.BeginTick"/>). Kept by the caller, not in a table by owner: a weak table
    /// of a million timers cost a dependent handle each and finalised its containers as they were replaced.
    /// </summary>
    public static SimulationTimer<T> Create<T>(Func<T> create)
    {
        var outer = (creating, made);
        creating = true;
        made = null;
        try
        {
            var timer = create();
            return new SimulationTimer<T>(timer, made);
        }
        finally
        {
            (creating, made) = outer;
        }
    }

    /// <summary>Remembers the virtual timer the clock made inside the <see cref="Create"/> running on this thread.</summary>
    internal static void Track(VirtualTimer timer) => made = timer;

    /// <summary>
    /// A due time below one millisecond means "at the end of the current instant": on the virtual clock the
    /// timer fires at the same simulated time, once everything due at that time has been delivered.
    /// </summary>
    public static readonly TimeSpan EndOfInstant = TimeSpan.FromTicks(1);

    /// <summary>
    /// The longest due time a timer takes: .NET's and Orleans' timers stop at 2³² − 2 ms (about 49.7 days).
    /// <see cref="SimulatedTime"/> chains longer waits (a tick at this limit re-arms for the rest), so a
    /// simulated delay of any length works on every clock.
    /// </summary>
    public static readonly TimeSpan MaxDueTime = TimeSpan.FromMilliseconds(uint.MaxValue - 1);
}
