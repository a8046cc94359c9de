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
    /// <remarks>
    /// The clock stops at the first quiet moment after a run or instance operation ended (<see cref="SimulationMonitor.WorkEnded"/>
    /// moved), before time moves on; the rest of that instant (its end-of-instant decisions, where a scale set ends an
    /// operation) runs before <paramref name="done"/> is asked, so an operation that ended at an instant is seen at it.
    /// </remarks>
    public async Task<bool> AdvanceUntilAsync(DateTimeOffset limit, Func<CancellationToken, Task<bool>> done, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(done);
        while (!await done(cancellationToken))
        {
            var seen = monitor.WorkEnded;
            var reached = await clock.RunUntilIdleAsync(limit, () => monitor.WorkEnded != seen, cancellationToken);
            await clock.RunUntilAsync(reached, cancellationToken);
            if (monitor.WorkEnded == seen)
            {
                // The limit, or nothing left to do: nothing ended since the last look.
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public Task<DateTimeOffset> RunUntilSettledAsync(DateTimeOffset limit, CancellationToken cancellationToken) =>
        clock.RunUntilIdleAsync(limit, () => monitor.IsSettled, cancellationToken);
}
