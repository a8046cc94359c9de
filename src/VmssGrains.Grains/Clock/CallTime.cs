namespace VmssGrains.Grains.Clock;

/// <summary>
/// The simulated time a call was made at, carried with it in Orleans' request context (docs/clock.md#acting-time).
/// On a scaled or real clock a grain acts at the time its event was due, not at the moment it got round to it: a
/// wake-up at its due time, a call at its caller's time. Processing latency then never delays what follows, and a
/// chain of steps keeps the exact durations the virtual clock gives it. The virtual clock needs none of this: it does
/// not move while anything is in flight.
/// </summary>
public static class CallTime
{
    /// <summary>The request-context key: the time in UTC ticks.</summary>
    public const string Key = "vmss.t";

    /// <summary>The time the current call or wake-up acts at, or null outside one.</summary>
    public static DateTimeOffset? Current => RequestContext.Get(Key) is long ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>Calls made from here on (in this asynchronous flow) act at <paramref name="at"/>.</summary>
    public static void Set(DateTimeOffset at) => RequestContext.Set(Key, at.UtcTicks);

    /// <summary>Calls made from here on act at their callee's own time.</summary>
    public static void Clear() => RequestContext.Remove(Key);

    /// <summary>
    /// The time an action taken now acts at on <paramref name="clock"/>: the carried time, never before <paramref name="floor"/>
    /// (UTC ticks: the latest time the actor has acted at, raised to the result) and the clock's own time outside a call.
    /// Marks the flow with the result, so the calls the actor makes next carry it. On the virtual clock, the clock's time.
    /// </summary>
    public static DateTimeOffset Acting(TimeProvider clock, ref long floor)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (clock is VirtualClock)
        {
            return clock.GetUtcNow();
        }

        var carried = RequestContext.Get(Key) as long?;
        var ticks = carried ?? clock.GetUtcNow().UtcTicks;
        if (ticks < floor)
        {
            ticks = floor;
        }
        else
        {
            floor = ticks;
        }

        if (carried != ticks)
        {
            RequestContext.Set(Key, ticks);
        }

        return new DateTimeOffset(ticks, TimeSpan.Zero);
    }
}
