using VmssGrains.Grains.Clock;
using VmssGrains.Grains.Hosting;

namespace VmssGrains.Simulation.Driving;

/// <summary>
/// Drives the in-process virtual clock: exact times, and "settled" read from the in-process monitor. The clock is
/// <see cref="VirtualClock.Driven"/> from here on: nothing fires between the driver's calls.
/// </summary>
public sealed class VirtualScenarioClock : IScenarioClock
{
    private readonly VirtualClock clock;
    private readonly SimulationMonitor monitor;

    /// <summary>Takes over <paramref name="clock"/>.</summary>
    public VirtualScenarioClock(VirtualClock clock, SimulationMonitor monitor)
    {
        ArgumentNullException.ThrowIfNull(clock);
        this.clock = clock;
        this.monitor = monitor;
        clock.Driven = true;
    }

    /// <inheritdoc/>
    public Task<DateTimeOffset> NowAsync(CancellationToken cancellationToken) => Task.FromResult(clock.GetUtcNow());

    /// <inheritdoc/>
    public Task AdvanceToAsync(DateTimeOffset time, CancellationToken cancellationToken) => clock.RunUntilAsync(time, cancellationToken);

    /// <inheritdoc/>
    public Task<DateTimeOffset> RunUntilSettledAsync(DateTimeOffset limit, CancellationToken cancellationToken) =>
        clock.RunUntilIdleAsync(limit, () => monitor.IsSettled, cancellationToken);
}
