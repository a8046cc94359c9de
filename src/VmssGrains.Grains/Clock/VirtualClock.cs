namespace VmssGrains.Grains.Clock;

/// <summary>
/// The virtual clock (docs/clock.md#the-virtual-clock): a <see cref="TimeProvider"/> plus a process-wide count of work in flight
/// and an advancer thread. Whenever nothing is in flight, time jumps to the earliest due simulation timer
/// and every timer due at that instant fires. The timeline is exact, runs with one seed are identical,
/// and a run costs only its work.
/// </summary>
/// <remarks>
/// Work in flight is counted by <see cref="VirtualClockCallFilters"/> (grain calls, from send to response;
/// one-way calls until the callee's method ends) and by the timers themselves: a fired timer counts until
/// Orleans calls <see cref="ITimer.Change"/> or <see cref="IDisposable.Dispose"/> on it, which it does when
/// the grain's tick has finished (Orleans 10.4.2's <c>GrainTimer.OnTickCompleted</c>).
/// </remarks>
public sealed partial class VirtualClock : TimeProvider, IDisposable
{
    private readonly object gate = new();
    private readonly PriorityQueue<VirtualTimer, (long Due, long Sequence)> queue = new();
    private readonly ManualResetEventSlim wake = new(false);
    private readonly Thread advancer;
    private long nowTicks;
    private long sequence;
    private long inFlight;
    private long underflows;
    private long lastActivity = Environment.TickCount64;
    private long firedTimers;
    private long rounds;
    private Waiter? waiter;
    private volatile bool disposed;
    private volatile Exception? stall;
    private volatile Exception? fault;

    /// <summary>Starts the clock at <paramref name="start"/>.</summary>
    /// <param name="start">The first simulated instant.</param>
    /// <param name="freeRunning">
    /// True: time advances whenever the cluster is idle (a silo with nobody driving it). False: time moves
    /// only inside <see cref="RunUntilAsync"/> and <see cref="RunUntilIdleAsync"/> (a driver or a test owns it).
    /// </param>
    public VirtualClock(DateTimeOffset start, bool freeRunning = false)
    {
        nowTicks = start.UtcTicks;
        FreeRunning = freeRunning;
        using (ExecutionContext.SuppressFlow())
        {
            advancer = new Thread(Advance) { IsBackground = true, Name = "vmss-virtual-clock" };
            advancer.Start();
        }
    }

    /// <summary>The epoch the simulation starts at unless configured otherwise.</summary>
    public static DateTimeOffset DefaultEpoch { get; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Time advances on its own whenever the cluster is idle.</summary>
    public bool FreeRunning { get; set; }

    /// <summary>
    /// A driver owns every step, even the end of the current instant: with no <see cref="RunUntilAsync"/> or
    /// <see cref="RunUntilIdleAsync"/> under way nothing fires. A scenario driver sets it, so that the work of its calls
    /// at one instant (the set-up, several actions at one time) all comes before that instant's timers, however long
    /// the calls take in wall time (as on the reference engine). False: timers due now fire whenever the cluster is
    /// idle, so an instant completes without a driver (a console verb against a held, otherwise free-running clock).
    /// </summary>
    public bool Driven { get; set; }

    /// <summary>How long work may stay in flight without any call or tick finishing before the clock reports a stall.</summary>
    public TimeSpan StallTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Calls and ticks in flight now.</summary>
    public long InFlight => Interlocked.Read(ref inFlight);

    /// <summary>Times the in-flight count would have gone below zero (a counting bug; tests assert 0).</summary>
    public long Underflows => Interlocked.Read(ref underflows);

    /// <summary>Simulation timers fired so far.</summary>
    public long FiredTimers => Interlocked.Read(ref firedTimers);

    /// <summary>Rounds the advancer has taken so far, each looking for what is due within its horizon (for tests).</summary>
    public long Rounds => Interlocked.Read(ref rounds);

    /// <summary>The stall the watchdog saw, if any.</summary>
    public Exception? Stall => stall;

    /// <summary>The fault that failed the clock (<see cref="Fail"/>), if any.</summary>
    public Exception? Fault => fault;

    /// <summary>Simulation timers waiting to fire.</summary>
    public int PendingTimers
    {
        get
        {
            lock (gate)
            {
                return queue.UnorderedItems.Count(e => e.Element.IsLive(e.Priority.Sequence));
            }
        }
    }

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow() => new(Volatile.Read(ref nowTicks), TimeSpan.Zero);

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (!SimulationTimers.IsCreating)
        {
            return System.CreateTimer(callback, state, dueTime, period);
        }

        var timer = new VirtualTimer(this, callback, state);
        SimulationTimers.Track(timer);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Counts one call or tick in flight.</summary>
    public void Enter()
    {
        Interlocked.Increment(ref inFlight);
        Volatile.Write(ref lastActivity, Environment.TickCount64);
    }

    /// <summary>Ends one call or tick in flight.</summary>
    public void Exit()
    {
        var value = Interlocked.Decrement(ref inFlight);
        Volatile.Write(ref lastActivity, Environment.TickCount64);
        if (value == 0)
        {
            wake.Set();
        }
        else if (value < 0)
        {
            Interlocked.Increment(ref underflows);
            Interlocked.CompareExchange(ref inFlight, 0, value);
            wake.Set();
        }
    }

    /// <summary>Advances to exactly <paramref name="target"/>, firing every timer due until then, and returns once all work due by then is done.</summary>
    public Task RunUntilAsync(DateTimeOffset target, CancellationToken cancellationToken = default) =>
        Wait(new Waiter(target.UtcTicks, Stop: null, AdvanceToLimit: true), cancellationToken);

    /// <summary>
    /// Advances until <paramref name="stop"/> holds at a quiet instant, no timer is left, or the next timer lies
    /// beyond <paramref name="limit"/> (then time stops at the limit). Returns the simulated time reached.
    /// </summary>
    /// <param name="limit">The latest time to reach.</param>
    /// <param name="stop">Evaluated on the clock's thread whenever nothing is in flight; must be quick and must not call the clock.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    public async Task<DateTimeOffset> RunUntilIdleAsync(DateTimeOffset limit, Func<bool>? stop = null, CancellationToken cancellationToken = default)
    {
        await Wait(new Waiter(limit.UtcTicks, stop, AdvanceToLimit: false), cancellationToken).ConfigureAwait(false);
        return GetUtcNow();
    }

    /// <summary>
    /// Fails the simulation: the driver's wait ends with <paramref name="error"/> at once, and so does every
    /// later one (only the first error is kept). Time still advances for a free-running clock.
    /// </summary>
    public void Fail(Exception error)
    {
        if (Interlocked.CompareExchange(ref fault, error, null) is not null)
        {
            return;
        }

        lock (gate)
        {
            var failed = waiter;
            waiter = null;
            failed?.Completion.TrySetException(error);
        }
    }

    /// <summary>Waits until the work of the current instant is done, without moving time.</summary>
    public Task SettleAsync(CancellationToken cancellationToken = default) => RunUntilAsync(GetUtcNow(), cancellationToken);

    /// <inheritdoc/>
    public void Dispose()
    {
        disposed = true;
        wake.Set();
        advancer.Join(TimeSpan.FromSeconds(2));
        lock (gate)
        {
            waiter?.Completion.TrySetCanceled();
            waiter = null;
        }
    }
}
