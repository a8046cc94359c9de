using VmssGrains.Abstractions;
using VmssGrains.Grains.Hosting;

namespace VmssGrains.Simulation.Reference;

/// <summary>
/// The reference engine's core: one thread, one simulated clock, the virtual clock's rules (docs/clock.md). Each
/// simulated object has one timer (<see cref="ReferenceTime"/>) in a priority queue by due time, then by the order it
/// was armed. A round takes every timer due at the earliest due time and fires them one after the other; after each
/// handler (a tick, an awaited call from outside, a one-way message) the one-way messages it sent are delivered in the
/// order they were sent, and theirs after them. A timer armed during a round for the same instant fires in the next
/// round: that is the end of the instant.
/// </summary>
public sealed class ReferenceEngine
{
    private readonly PriorityQueue<ReferenceTime, (long Due, long Sequence)> timers = new();
    private readonly Queue<(string What, string? Target, string? Caller, Action Deliver)> messages = new();
    private List<ReferenceTime>? spareRound = [];
    private long sequence;
    private long nowTicks;
    private int depth;

    /// <summary>Creates an engine whose simulated time starts at <paramref name="start"/>.</summary>
    public ReferenceEngine(DateTimeOffset start)
    {
        Now = start;
        Monitor.UseClock(new EngineTime(this));
    }

    /// <summary>Simulated time now (UTC); safe to read from another thread, as live progress does.</summary>
    public DateTimeOffset Now
    {
        get => new(Volatile.Read(ref nowTicks), TimeSpan.Zero);
        private set => Volatile.Write(ref nowTicks, value.UtcTicks);
    }

    /// <summary>Runs, instance operations and platform work under way, and the first fault (the same rule as the silo's).</summary>
    public SimulationMonitor Monitor { get; } = new();

    /// <summary>The caller of the request being handled (the request context's <see cref="GrainKeys.CallerKey"/>), or null.</summary>
    internal string? Caller { get; private set; }

    /// <summary>Timers fired so far.</summary>
    public long FiredTimers { get; private set; }

    /// <summary>
    /// An awaited call into a simulated object: runs now, on the caller's thread. The outermost call takes the caller's
    /// name from the request context (as a grain call carries it); when it returns, the one-way messages sent are delivered.
    /// </summary>
    internal Task Call(Action call) => Call(() =>
    {
        call();
        return true;
    });

    /// <inheritdoc cref="Call(Action)"/>
    internal Task<T> Call<T>(Func<T> call)
    {
        var outermost = depth == 0;
        if (outermost)
        {
            Caller = Orleans.Runtime.RequestContext.Get(GrainKeys.CallerKey) as string;
        }

        depth++;
        try
        {
            return Task.FromResult(call());
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
        finally
        {
            depth--;
            if (outermost)
            {
                Deliver();
            }
        }
    }

    /// <summary>A one-way call: delivered, with the sender's caller, once the current handler has returned.</summary>
    internal Task Post(string what, Action deliver) => Post(what, null, deliver);

    /// <summary>
    /// <inheritdoc cref="Post(string, Action)"/> Named <paramref name="what"/> followed by <paramref name="target"/>,
    /// joined only when the call fails: a message to each of many objects makes no name of its own.
    /// </summary>
    internal Task Post(string what, string? target, Action deliver)
    {
        messages.Enqueue((what, target, Caller, deliver));
        if (depth == 0)
        {
            Deliver();
        }

        return Task.CompletedTask;
    }

    /// <summary>Arms <paramref name="timer"/> at <paramref name="due"/> (simulated; not before now); returns the schedule's number.</summary>
    internal long Schedule(ReferenceTime timer, DateTimeOffset due)
    {
        var at = due > Now ? due : Now;
        timers.Enqueue(timer, (at.UtcTicks, ++sequence));
        return sequence;
    }

    /// <summary>Fires every timer due until <paramref name="target"/>, then leaves time at <paramref name="target"/>.</summary>
    public void RunUntil(DateTimeOffset target)
    {
        while (TryPeek(out var due) && due <= target.UtcTicks)
        {
            FireRound();
        }

        if (target > Now)
        {
            Now = target;
        }
    }

    /// <summary>
    /// Advances until <paramref name="stop"/> holds at a quiet instant, no timer is left (time stays), or the next timer
    /// lies beyond <paramref name="limit"/> (time stops at the limit). Returns the time reached.
    /// </summary>
    public DateTimeOffset RunUntilIdle(DateTimeOffset limit, Func<bool> stop)
    {
        ArgumentNullException.ThrowIfNull(stop);
        while (Monitor.Fault is null)
        {
            if (stop())
            {
                break;
            }

            if (!TryPeek(out var next))
            {
                break;
            }

            if (next > limit.UtcTicks)
            {
                Now = limit > Now ? limit : Now;
                break;
            }

            FireRound();
        }

        return Now;
    }

    /// <summary>Reports a fault of the simulation (a wake-up or one-way call threw); the first one is kept.</summary>
    internal void Fail(string what, Exception error) => Monitor.Fail(new SimulationFaultException(what, error));

    private void FireRound()
    {
        TryPeek(out var due);
        Now = new DateTimeOffset(Math.Max(Now.UtcTicks, due), TimeSpan.Zero);

        // One list serves every round (a round within a round, which the engine never does, gets its own).
        var fired = spareRound ?? [];
        spareRound = null;
        while (TryPeek(out var at) && at <= Now.UtcTicks)
        {
            var timer = timers.Dequeue();
            timer.Disarm();
            fired.Add(timer);
        }

        FiredTimers += fired.Count;
        foreach (var timer in fired)
        {
            depth++;
            Caller = null;
            try
            {
                timer.Tick();
            }
            finally
            {
                depth--;
            }

            Deliver();
        }

        fired.Clear();
        spareRound = fired;
    }

    /// <summary>Delivers the one-way messages sent, in order, and those they send.</summary>
    private void Deliver()
    {
        while (messages.TryDequeue(out var message))
        {
            depth++;
            Caller = message.Caller;
            try
            {
                message.Deliver();
            }
            catch (Exception e)
            {
                Fail($"the one-way call {message.What}{message.Target}", e);
            }
            finally
            {
                depth--;
            }
        }
    }

    /// <summary>The due time of the earliest live timer; stale entries (re-armed or disarmed since) are dropped.</summary>
    private bool TryPeek(out long due)
    {
        while (timers.TryPeek(out var timer, out var priority))
        {
            if (timer.IsArmed(priority.Sequence))
            {
                due = priority.Due;
                return true;
            }

            timers.Dequeue();
        }

        due = long.MinValue;
        return false;
    }

    /// <summary>The engine's time as a <see cref="TimeProvider"/>, for the monitor's <see cref="SimulationMonitor.SettledAt"/>.</summary>
    private sealed class EngineTime(ReferenceEngine engine) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => engine.Now;
    }
}
