namespace VmssGrains.Grains.Clock;

/// <summary>
/// A simulation timer on the <see cref="VirtualClock"/>. Once fired it counts as work in flight until
/// Orleans re-arms (<see cref="Change"/>) or disposes it after the grain's tick: the exact "tick finished" signal.
/// </summary>
/// <remarks>
/// Only a re-arm after the tick has begun (<see cref="BeginTick"/>) ends the count. The advancer marks a timer as
/// fired before it hands the tick to Orleans; in between, the grain itself may re-arm it from a call (Orleans does not
/// yet know the timer fired, so it passes the change straight through). Counting that change as the end of the tick
/// let the tick run uncounted, and time moved on under it.
/// </remarks>
internal sealed class VirtualTimer(VirtualClock clock, TimerCallback callback, object? state) : ITimer
{
    private long scheduledSequence = -1;
    private bool firing;
    private bool tickStarted;
    private bool disposed;

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        if (period != Timeout.InfiniteTimeSpan && period != TimeSpan.Zero)
        {
            throw new NotSupportedException("Simulation timers are one-shot: Orleans re-arms them after every tick.");
        }

        bool release;
        lock (clock.Gate)
        {
            if (disposed)
            {
                return false;
            }

            scheduledSequence = -1;
            if (dueTime != Timeout.InfiniteTimeSpan)
            {
                clock.Schedule(this, dueTime < TimeSpan.Zero ? TimeSpan.Zero : dueTime, out scheduledSequence);
            }

            // A change before the tick began comes from the grain, not from the end of the tick: the count stays.
            release = firing && tickStarted;
            if (release)
            {
                firing = false;
                tickStarted = false;
            }
        }

        // Re-armed after the tick first, released second: the clock never sees zero work with the next wake missing.
        if (release)
        {
            clock.Exit();
        }

        return true;
    }

    public void Dispose()
    {
        bool release;
        lock (clock.Gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            scheduledSequence = -1;
            release = firing;
            firing = false;
            tickStarted = false;
        }

        if (release)
        {
            clock.Exit();
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>True when the queue entry with this sequence number is the timer's current schedule. Under the gate.</summary>
    internal bool IsLive(long sequence) => !disposed && sequence == scheduledSequence;

    /// <summary>Marks the timer as firing. Under the gate; the clock has counted it.</summary>
    internal bool TryBeginFire()
    {
        if (disposed)
        {
            return false;
        }

        scheduledSequence = -1;
        firing = true;
        return true;
    }

    /// <summary>The grain's tick has begun: the next re-arm is the one Orleans makes when it ends.</summary>
    internal void BeginTick()
    {
        lock (clock.Gate)
        {
            tickStarted = firing;
        }
    }

    internal void Fire()
    {
        try
        {
            callback(state);
        }
        catch
        {
            // Orleans' callback only queues the tick; should it throw, the tick never runs: release the count.
            Dispose();
            throw;
        }
    }
}
