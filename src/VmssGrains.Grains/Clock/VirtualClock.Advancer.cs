using System.Globalization;

namespace VmssGrains.Grains.Clock;

/// <summary>The virtual clock's advancer: the thread that moves time when the cluster is idle, and its watchdog.</summary>
public sealed partial class VirtualClock
{
    private Task Wait(Waiter next, CancellationToken cancellationToken)
    {
        if ((fault ?? stall) is { } failed)
        {
            return Task.FromException(failed);
        }

        lock (gate)
        {
            if (waiter is not null)
            {
                throw new InvalidOperationException("Only one driver may move the virtual clock at a time.");
            }

            waiter = next;
        }

        if (cancellationToken.CanBeCanceled)
        {
            // Cancelling ends the wait at once (time stops moving; work in flight runs on); the registration goes with the wait.
            var registration = cancellationToken.Register(() =>
            {
                lock (gate)
                {
                    if (ReferenceEquals(waiter, next))
                    {
                        waiter = null;
                    }
                }

                next.Completion.TrySetCanceled(cancellationToken);
            });
            next.Completion.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }

        wake.Set();
        return next.Completion.Task;
    }

    internal void Schedule(VirtualTimer timer, TimeSpan dueTime, out long sequenceNumber)
    {
        // Called under the gate.
        var due = dueTime <= SimulationTimers.EndOfInstant ? nowTicks : nowTicks + dueTime.Ticks;
        sequenceNumber = ++sequence;
        queue.Enqueue(timer, (due, sequenceNumber));

        // No wake-up here: timers are scheduled inside counted work, and the advancer is woken when that work ends.
    }

    internal object Gate => gate;

    private void Advance()
    {
        while (!disposed)
        {
            wake.Reset();
            Step();
            wake.Wait(TimeSpan.FromMilliseconds(200));
        }
    }

    private void Step()
    {
        Interlocked.Increment(ref rounds);
        if (Interlocked.Read(ref inFlight) > 0)
        {
            Watch();
            return;
        }

        List<VirtualTimer> due = [];
        lock (gate)
        {
            if (Interlocked.Read(ref inFlight) > 0)
            {
                return;
            }

            var horizon = waiter?.Limit ?? (FreeRunning ? long.MaxValue : Driven ? long.MinValue : nowTicks);
            if (waiter is { Stop: { } stop } && stop())
            {
                Complete();
                return;
            }

            if (!TryPeek(out var next) || next > horizon)
            {
                if (waiter is { } w)
                {
                    if (w.AdvanceToLimit || next != long.MinValue)
                    {
                        // Nothing is due before the limit: time passes to it.
                        nowTicks = Math.Max(nowTicks, w.Limit);
                    }

                    Complete();
                }

                return;
            }

            nowTicks = Math.Max(nowTicks, next);
            while (TryPeek(out var at) && at <= nowTicks)
            {
                var timer = queue.Dequeue();
                if (timer.TryBeginFire())
                {
                    due.Add(timer);
                }
            }

            Interlocked.Add(ref inFlight, due.Count);
            Interlocked.Add(ref firedTimers, due.Count);
            Volatile.Write(ref lastActivity, Environment.TickCount64);
        }

        foreach (var timer in due)
        {
            try
            {
                timer.Fire();
            }
            catch (Exception e)
            {
                // Orleans could not queue the tick: the advancer thread must survive it, the run must not.
                Fail(new InvalidOperationException($"The virtual clock could not fire a simulation timer at {GetUtcNow():O}: {e.GetType().Name}: {e.Message}", e));
            }
        }
    }

    /// <summary>The due time of the earliest live timer; stale queue entries are dropped. Under the gate.</summary>
    private bool TryPeek(out long due)
    {
        while (queue.TryPeek(out var timer, out var priority))
        {
            if (timer.IsLive(priority.Sequence))
            {
                due = priority.Due;
                return true;
            }

            queue.Dequeue();
        }

        due = long.MinValue;
        return false;
    }

    private void Complete()
    {
        var done = waiter;
        waiter = null;
        done?.Completion.TrySetResult();
    }

    private void Watch()
    {
        var quiet = TimeSpan.FromMilliseconds(Environment.TickCount64 - Volatile.Read(ref lastActivity));
        if (quiet < StallTimeout || stall is not null)
        {
            return;
        }

        var error = new TimeoutException(string.Create(
            CultureInfo.InvariantCulture,
            $"The virtual clock stalled at {GetUtcNow():O}: {InFlight} call(s) or tick(s) in flight and none finished for {quiet.TotalSeconds:0} s. Something awaits simulated time (see docs/clock.md#call-discipline)."));
        stall = error;
        lock (gate)
        {
            var failed = waiter;
            waiter = null;
            failed?.Completion.TrySetException(error);
        }
    }

    private sealed record Waiter(long Limit, Func<bool>? Stop, bool AdvanceToLimit)
    {
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
