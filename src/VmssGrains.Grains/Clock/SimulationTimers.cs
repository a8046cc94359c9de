using System.Runtime.CompilerServices;

namespace VmssGrains.Grains.Clock;

/// <summary>
/// Marks the timers that belong to the simulation. Orleans creates every grain timer through the
/// Grains-area <see cref="TimeProvider"/>; only timers created inside <see cref="Create"/> (by
/// <see cref="SimulatedTime"/>) run on simulated time, all others (the dashboard's, Orleans' own) stay on
/// wall time, or an idle virtual clock would race ahead of them.
/// </summary>
public static class SimulationTimers
{
    /// <summary>The virtual timer under each grain timer (Orleans passes its grain timer as the timer's state).</summary>
    private static readonly ConditionalWeakTable<object, VirtualTimer> Virtual = [];

    [ThreadStatic]
    private static bool creating;

    /// <summary>True while a simulation timer is being created on this thread.</summary>
    public static bool IsCreating => creating;

    /// <summary>Runs <paramref name="create"/> with the simulation mark set.</summary>
    public static T Create<T>(Func<T> create)
    {
        var outer = creating;
        creating = true;
        try
        {
            return create();
        }
        finally
        {
            creating = outer;
        }
    }

    /// <summary>
    /// Tells the clock that the tick of <paramref name="timer"/> has begun, first thing in the tick: on the virtual clock
    /// the tick counts as work in flight until Orleans re-arms the timer after it. Does nothing on other clocks.
    /// </summary>
    public static void BeginTick(IGrainTimer? timer)
    {
        if (timer is not null && Virtual.TryGetValue(timer, out var underlying))
        {
            underlying.BeginTick();
        }
    }

    /// <summary>Remembers the virtual timer Orleans created for the grain timer <paramref name="owner"/>.</summary>
    internal static void Track(object? owner, VirtualTimer timer)
    {
        if (owner is not null)
        {
            Virtual.AddOrUpdate(owner, timer);
        }
    }

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
