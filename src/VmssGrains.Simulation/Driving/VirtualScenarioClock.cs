using VmssGrains.Grains.Clock;
using VmssGrains.Grains.Hosting;

namespace VmssGrains.Simulation.Driving;

/// <summary>Drives the in-process virtual clock: exact times, and "settled" read from the in-process monitor.</summary>
public sealed class VirtualScenarioClock(VirtualClock clock, SimulationMonitor monitor) : IScenarioClock
{
    /// <inheritdoc/>
    public Task<DateTimeOffset> NowAsync(CancellationToken cancellationToken) => Task.FromResult(clock.GetUtcNow());

    /// <inheritdoc/>
    public Task AdvanceToAsync(DateTimeOffset time, CancellationToken cancellationToken) => clock.RunUntilAsync(time, cancellationToken);

    /// <inheritdoc/>
    public Task<DateTimeOffset> RunUntilSettledAsync(DateTimeOffset limit, CancellationToken cancellationToken) =>
        clock.RunUntilIdleAsync(limit, () => monitor.IsSettled, cancellationToken);
}
