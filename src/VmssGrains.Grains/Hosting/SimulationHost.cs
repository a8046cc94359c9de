using VmssGrains.Grains.Clock;

namespace VmssGrains.Grains.Hosting;

/// <summary>
/// What every silo (and the in-process client) of one process shares: the simulation clock, the call
/// filters that count work for a virtual clock, and the monitor a driver watches. Make one per process.
/// </summary>
public sealed class SimulationHost : IDisposable
{
    private SimulationHost(TimeProvider clock, ClockSpec spec)
    {
        Clock = clock;
        Spec = spec;
        Monitor.UseClock(clock);
        if (clock is VirtualClock virtualClock)
        {
            Filters = new VirtualClockCallFilters(virtualClock);

            // A fault ends the driver's wait at once: the run fails instead of reporting a half-done timeline.
            Monitor.Faulted += virtualClock.Fail;
        }
    }

    /// <summary>The Grains-area clock.</summary>
    public TimeProvider Clock { get; }

    /// <summary>The clock's kind.</summary>
    public ClockSpec Spec { get; }

    /// <summary>The virtual clock, when the simulation runs on one.</summary>
    public VirtualClock? VirtualClock => Clock as VirtualClock;

    /// <summary>The call filters counting work in flight (virtual clock only).</summary>
    public VirtualClockCallFilters? Filters { get; }

    /// <summary>The seed of scale sets created without simulation settings.</summary>
    public long DefaultSeed { get; set; }

    /// <summary>The in-process signal of runs and operations under way.</summary>
    public SimulationMonitor Monitor { get; } = new();

    /// <summary>Creates the shared pieces for <paramref name="spec"/>.</summary>
    /// <param name="spec">The clock.</param>
    /// <param name="epoch">The simulated time at <paramref name="anchor"/>; <see cref="VirtualClock.DefaultEpoch"/> when null.</param>
    /// <param name="anchor">Scaled and real clocks: the wall time at which simulated time is <paramref name="epoch"/>; now when null.</param>
    /// <param name="freeRunning">Virtual clock only: advance whenever idle (a silo nobody drives).</param>
    public static SimulationHost Create(ClockSpec spec, DateTimeOffset? epoch = null, DateTimeOffset? anchor = null, bool freeRunning = false)
    {
        var start = epoch ?? VirtualClock.DefaultEpoch;
        TimeProvider clock = spec.Kind switch
        {
            ClockKind.Virtual => new VirtualClock(start, freeRunning),
            ClockKind.Scaled => new ScaledTimeProvider(spec.Scale, start, anchor ?? TimeProvider.System.GetUtcNow()),
            _ => new ScaledTimeProvider(1, start, anchor ?? TimeProvider.System.GetUtcNow()),
        };
        return new SimulationHost(clock, spec);
    }

    /// <inheritdoc/>
    public void Dispose() => (Clock as IDisposable)?.Dispose();
}
