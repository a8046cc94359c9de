namespace VmssGrains.Grains.Clock;

/// <summary>
/// Simulated time running at <c>scale</c> simulated seconds per wall second (<c>scaled:N</c>); scale 1 is
/// the <c>real</c> clock. Simulated time is a function of the wall clock (simulated = start + (wall −
/// anchor) × scale), so silo processes configured with the same anchor agree on it. Simulation timers
/// wait scaled durations; other timers stay on wall time.
/// </summary>
public sealed class ScaledTimeProvider : TimeProvider
{
    private readonly TimeProvider wall;
    private readonly DateTimeOffset simulatedStart;
    private readonly DateTimeOffset anchor;
    private readonly double scale;

    /// <summary>Simulated time is <paramref name="simulatedStart"/> at wall time <paramref name="anchor"/>.</summary>
    public ScaledTimeProvider(double scale, DateTimeOffset simulatedStart, DateTimeOffset anchor, TimeProvider? wall = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        this.wall = wall ?? System;
        this.scale = scale;
        this.simulatedStart = simulatedStart;
        this.anchor = anchor;
    }

    /// <summary>Simulated seconds per wall second.</summary>
    public double Scale => scale;

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow()
    {
        var elapsed = wall.GetUtcNow() - anchor;
        return simulatedStart + TimeSpan.FromTicks((long)(elapsed.Ticks * scale));
    }

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = wall.CreateTimer(callback, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        if (!SimulationTimers.IsCreating)
        {
            timer.Change(dueTime, period);
            return timer;
        }

        var scaled = new ScaledTimer(timer, scale);
        scaled.Change(dueTime, period);
        return scaled;
    }

    private sealed class ScaledTimer(ITimer inner, double scale) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(Scale(dueTime), Scale(period));

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();

        // Below scale 1 a wall wait is longer than the simulated one: capped at what a timer takes. Firing early
        // is harmless, SimulatedTime delivers only what is due and re-arms for the rest.
        private TimeSpan Scale(TimeSpan value) =>
            value == Timeout.InfiniteTimeSpan || value <= TimeSpan.Zero ? value
            : TimeSpan.FromTicks((long)Math.Clamp(value.Ticks / scale, 1, SimulationTimers.MaxDueTime.Ticks));
    }
}
