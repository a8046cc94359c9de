namespace VmssGrains.Simulation.Driving;

/// <summary>
/// Drives a scaled or real clock by waiting on wall time: for an embedded silo at scaled:N and for a
/// running multi-process cluster (whose simulated time and "settled" state are read through grains).
/// </summary>
public sealed class WallScenarioClock(Func<CancellationToken, Task<DateTimeOffset>> now, double scale, Func<CancellationToken, Task<bool>> settled) : IScenarioClock
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <inheritdoc/>
    public Task<DateTimeOffset> NowAsync(CancellationToken cancellationToken) => now(cancellationToken);

    /// <inheritdoc/>
    public async Task AdvanceToAsync(DateTimeOffset time, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = await now(cancellationToken);
            if (current >= time)
            {
                return;
            }

            var wall = TimeSpan.FromTicks((long)((time - current).Ticks / Math.Max(scale, 1e-9)));
            await WallTime.DelayAsync(wall < Poll ? wall : Poll, cancellationToken);
        }
    }

    /// <inheritdoc/>
    public async Task<DateTimeOffset> RunUntilSettledAsync(DateTimeOffset limit, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = await now(cancellationToken);
            if (current >= limit || await settled(cancellationToken))
            {
                return current < limit ? current : limit;
            }

            await WallTime.DelayAsync(Poll, cancellationToken);
        }
    }
}
