namespace VmssGrains.Domain.Time;

/// <summary>
/// The wake-ups one simulated object has asked for (docs/clock.md#the-seam), shared by both engines: ordered by due
/// time (simulated), then by the order they were asked for. A tick delivers only the wakes due by then that were asked
/// for before it began (<see cref="Mark"/>): one asked for during the tick, even for the same instant, waits for the
/// next tick, so a decision taken at the end of an instant sees everything else due at that instant first.
/// </summary>
public sealed class WakeSchedule
{
    private readonly PriorityQueue<long, (DateTimeOffset Due, long Sequence)> pending = new();
    private long sequence;

    /// <summary>The earliest due time, or null when nothing is pending.</summary>
    public DateTimeOffset? NextDue => pending.TryPeek(out _, out var next) ? next.Due : null;

    /// <summary>The last wake asked for so far: a tick delivers only wakes up to the mark taken when it began.</summary>
    public long Mark => sequence;

    /// <summary>Asks for <paramref name="token"/> at <paramref name="due"/> (simulated).</summary>
    public void Add(long token, DateTimeOffset due) => pending.Enqueue(token, (due, ++sequence));

    /// <summary>Takes the next wake due by <paramref name="now"/> that was asked for up to <paramref name="mark"/>.</summary>
    public bool TryTakeDue(DateTimeOffset now, long mark, out long token) => TryTakeDue(now, mark, out token, out _);

    /// <summary>Takes the next wake due by <paramref name="now"/> that was asked for up to <paramref name="mark"/>, with its due time.</summary>
    public bool TryTakeDue(DateTimeOffset now, long mark, out long token, out DateTimeOffset due)
    {
        if (pending.TryPeek(out token, out var at) && at.Due <= now && at.Sequence <= mark)
        {
            pending.Dequeue();
            due = at.Due;
            return true;
        }

        token = 0;
        due = default;
        return false;
    }

    /// <summary>Drops every pending wake.</summary>
    public void Clear() => pending.Clear();
}
