namespace VmssGrains.Grains.Hosting;

/// <summary>
/// An in-process signal for the driver of an embedded simulation (docs/clock.md#call-discipline): how many runs and
/// instance operations are under way, how many instance operations started and ended so far (for live progress), and
/// the first fault (<see cref="Fault"/>). One instance is shared by
/// every silo of the process; in a silo process of a multi-process cluster nobody reads it but the fault
/// log, and drivers poll the scale sets instead.
/// </summary>
public sealed class SimulationMonitor
{
    private long runs;
    private long runsEnded;
    private long operationsStarted;
    private long operationsEnded;
    private long platformWork;
    private readonly TaskCompletionSource<SimulationFaultException> faulted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SimulationFaultException? fault;
    private long watchers;
    private long settledAtTicks = -1;
    private long lastEndedTicks = -1;
    private TimeProvider? clock;

    /// <summary>The first exception a wake-up or one-way call threw (<see cref="SimulationFaults"/>), or null.</summary>
    public SimulationFaultException? Fault => Volatile.Read(ref fault);

    /// <summary>Completes with the first fault.</summary>
    public Task<SimulationFaultException> WhenFaulted => faulted.Task;

    /// <summary>Raised once, with the first fault.</summary>
    public event Action<SimulationFaultException>? Faulted;

    /// <summary>A driver in this process watches <see cref="Fault"/> and reports it itself (<see cref="Watch"/>).</summary>
    public bool Watched => Interlocked.Read(ref watchers) > 0;

    /// <summary>Runs under way.</summary>
    public long ActiveRuns => Interlocked.Read(ref runs);

    /// <summary>Instance operations under way (including health still being established after an ungated upgrade).</summary>
    /// <remarks>
    /// Started minus ended, with the ended count read first: an operation ends after it started, so the difference is
    /// never negative, and it is 0 only when at the moment of that first read nothing was under way.
    /// </remarks>
    public long ActiveOperations
    {
        get
        {
            var ended = Interlocked.Read(ref operationsEnded);
            return Interlocked.Read(ref operationsStarted) - ended;
        }
    }

    /// <summary>Instance operations started since the monitor was created: a count that only grows.</summary>
    public long OperationsStarted => Interlocked.Read(ref operationsStarted);

    /// <summary>
    /// Instance operations ended since the monitor was created (succeeded, failed, or cut short by the instance's
    /// deletion): a count that only grows, read by live progress at no cost to the instances.
    /// </summary>
    public long OperationsEnded => Interlocked.Read(ref operationsEnded);

    /// <summary>
    /// Runs and instance operations ended since the monitor was created: a count that only grows, which a driver waiting
    /// for an operation to end (a promotion gate) compares to know that something ended since it last looked.
    /// </summary>
    public long WorkEnded => Interlocked.Read(ref runsEnded) + OperationsEnded;

    /// <summary>Work the platform has scheduled (a publication after replication, a repair after its grace period).</summary>
    public long PendingPlatformWork => Interlocked.Read(ref platformWork);

    /// <summary>Nothing is under way or scheduled by the platform.</summary>
    public bool IsSettled => ActiveRuns == 0 && ActiveOperations == 0 && PendingPlatformWork == 0;

    /// <summary>
    /// The simulated time at which the last piece of work ended, leaving nothing under way (null before any ended, or
    /// without a clock). A driver on a scaled or real clock polls <see cref="IsSettled"/> on wall time; this is
    /// when the simulation really settled, not when the poll noticed it (a 250 ms poll is 150 simulated seconds at ×600).
    /// </summary>
    public DateTimeOffset? SettledAt => Interlocked.Read(ref settledAtTicks) is var ticks and >= 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>The simulation's clock, for <see cref="SettledAt"/>.</summary>
    public void UseClock(TimeProvider simulationClock) => clock = simulationClock;

    /// <summary>The platform scheduled work.</summary>
    public void PlatformWorkScheduled() => Interlocked.Increment(ref platformWork);

    /// <summary>Scheduled platform work happened (or was dropped).</summary>
    public void PlatformWorkDone() => Ended(ref platformWork, -1);

    /// <summary>A run started.</summary>
    public void RunStarted() => Interlocked.Increment(ref runs);

    /// <summary>A run ended.</summary>
    public void RunEnded()
    {
        Interlocked.Increment(ref runsEnded);
        Ended(ref runs, -1);
    }

    /// <summary>An instance operation started.</summary>
    public void OperationStarted() => Interlocked.Increment(ref operationsStarted);

    /// <summary>An instance operation ended.</summary>
    public void OperationEnded() => Ended(ref operationsEnded, 1);

    /// <summary>An instance moved from having an operation under way (<paramref name="wasActive"/>) or not to <paramref name="isActive"/>.</summary>
    public void OperationChanged(bool wasActive, bool isActive)
    {
        if (!wasActive && isActive)
        {
            OperationStarted();
        }
        else if (wasActive && !isActive)
        {
            OperationEnded();
        }
    }

    /// <summary>Work ended: <paramref name="step"/> is added to <paramref name="counter"/> (-1 for a count under way, 1 for a count of ended operations).</summary>
    private void Ended(ref long counter, long step)
    {
        // The time the work ended at is the time the grain ending it acts at (a scaled clock's grains act at the time
        // their event was due, Clock.CallTime); the latest such time, as the calls ending work need not come in order.
        var at = clock is null ? -1 : (clock is Clock.ScaledTimeProvider ? Clock.CallTime.Current?.UtcTicks : null) ?? clock.GetUtcNow().UtcTicks;
        long last;
        do
        {
            last = Interlocked.Read(ref lastEndedTicks);
        }
        while (at > last && Interlocked.CompareExchange(ref lastEndedTicks, at, last) != last);

        Interlocked.Add(ref counter, step);
        if (IsSettled && clock is not null)
        {
            Interlocked.Exchange(ref settledAtTicks, Interlocked.Read(ref lastEndedTicks));
        }
    }

    /// <summary>Records a fault; the first one is kept, raises <see cref="Faulted"/> and completes <see cref="WhenFaulted"/>.</summary>
    public void Fail(SimulationFaultException error)
    {
        if (Interlocked.CompareExchange(ref fault, error, null) is null)
        {
            Faulted?.Invoke(error);
            faulted.TrySetResult(error);
        }
    }

    /// <summary>
    /// A driver says it reports faults itself until it disposes the result: a fault is then logged at
    /// Information (for exporters), not as an error, so its one line is not printed twice.
    /// </summary>
    public IDisposable Watch()
    {
        Interlocked.Increment(ref watchers);
        return new Watcher(this);
    }

    private sealed class Watcher(SimulationMonitor monitor) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                Interlocked.Decrement(ref monitor.watchers);
            }
        }
    }
}
