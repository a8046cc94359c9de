namespace VmssGrains.Grains.Clock;

/// <summary>
/// A simulation timer on the <see cref="VirtualClock"/>. Once fired it counts as work in flight until
/// Orleans re-arms (<see cref="Change"/>) or disposes it after the grain's tick: the exact "tick finished" signal.
/// </summary>
internal sealed class VirtualTimer(VirtualClock clock, TimerCallback callback, object? state) : ITimer
{
    private long scheduledSequence = -1;
    private bool firing;
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

            release = firing;
            firing = false;
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
