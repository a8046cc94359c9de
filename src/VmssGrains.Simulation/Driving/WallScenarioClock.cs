namespace VmssGrains.Simulation.Driving;

/// <summary>
/// Drives a scaled or real clock by waiting on wall time: for an embedded silo at scaled:N and for a
/// running multi-process cluster (whose simulated time and "settled" state are read through grains).
/// </summary>
/// <param name="now">The simulated time now.</param>
/// <param name="scale">Simulated seconds per wall second.</param>
/// <param name="settled">True when nothing is under way.</param>
/// <param name="settledAt">When, in simulated time, the simulation settled (known in the silo's own process), or null.</param>
public sealed class WallScenarioClock(
    Func<CancellationToken, Task<DateTimeOffset>> now,
    double scale,
    Func<CancellationToken, Task<bool>> settled,
    Func<DateTimeOffset?>? settledAt = null) : IScenarioClock
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
    /// <remarks>Polls <paramref name="done"/> every 250 ms of wall time; it also stops once nothing is under way (nothing can end any more).</remarks>
    public async Task<bool> AdvanceUntilAsync(DateTimeOffset limit, Func<CancellationToken, Task<bool>> done, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(done);
        while (!await done(cancellationToken))
        {
            var current = await now(cancellationToken);
            if (current >= limit || await settled(cancellationToken))
            {
                return await done(cancellationToken);
            }

            var wall = TimeSpan.FromTicks((long)((limit - current).Ticks / Math.Max(scale, 1e-9)));
            await WallTime.DelayAsync(wall < Poll ? wall : Poll, cancellationToken);
        }

        return true;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The end is when the simulation settled, not when a poll on wall time noticed it: with <c>settledAt</c> known,
    /// the later of that and the call (the last action), which a poll every 250 ms of wall time would otherwise
    /// overshoot by up to 250 ms × the scale.
    /// </remarks>
    public async Task<DateTimeOffset> RunUntilSettledAsync(DateTimeOffset limit, CancellationToken cancellationToken)
    {
        var called = await now(cancellationToken);
        while (true)
        {
            var current = await now(cancellationToken);
            if (current >= limit || await settled(cancellationToken))
            {
                var end = settledAt?.Invoke() is { } at && current < limit ? (at > called ? at : called) : current;
                return end < limit ? end : limit;
            }

            await WallTime.DelayAsync(Poll, cancellationToken);
        }
    }
}
