using VmssGrains.Grains.Clock;

namespace VmssGrains.Grains.Tests;

/// <summary>
/// A driven virtual clock (<see cref="VirtualClock.Driven"/>, as a scenario driver sets it) fires nothing between the
/// driver's calls, not even the end of the current instant; an undriven, held clock completes the instant on its own.
/// </summary>
public sealed class VirtualClockDrivenTests
{
    private static readonly DateTimeOffset Epoch = VirtualClock.DefaultEpoch;

    [Fact]
    public async Task Driven_TheEndOfTheInstantWaitsForTheDriver()
    {
        using var clock = new VirtualClock(Epoch) { Driven = true };
        var fired = EndOfInstantTimer(clock);

        // The advancer takes a round with no driver waiting: nothing fires.
        var rounds = clock.Rounds;
        clock.Enter();
        clock.Exit();
        await UntilAsync(() => clock.Rounds > rounds);
        Assert.Equal(0, fired.Count);

        await clock.SettleAsync();

        Assert.Equal((1, Epoch), (fired.Count, clock.GetUtcNow()));
    }

    [Fact]
    public async Task NotDriven_TheEndOfTheInstantComesWithoutADriver()
    {
        using var clock = new VirtualClock(Epoch);
        var fired = EndOfInstantTimer(clock);

        clock.Enter();
        clock.Exit();
        await UntilAsync(() => fired.Count == 1);

        Assert.Equal((1, Epoch, 0L), (fired.Count, clock.GetUtcNow(), clock.InFlight));
    }

    /// <summary>A timer due at the end of this instant whose tick, like Orleans', begins and re-arms it to nothing.</summary>
    private static Counter EndOfInstantTimer(VirtualClock clock)
    {
        var fired = new Counter();
        var owner = new GrainTimerStand();
        SimulationTimer<ITimer>? created = null;
        created = SimulationTimers.Create(() => clock.CreateTimer(
            _ =>
            {
                fired.Increment();
                created!.Value.BeginTick();
                created.Value.Timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            },
            owner,
            SimulationTimers.EndOfInstant,
            Timeout.InfiniteTimeSpan));
        return fired;
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 10 s");
            await poll.WaitForNextTickAsync();
        }
    }

    private sealed class Counter
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public void Increment() => Interlocked.Increment(ref count);
    }

    private sealed class GrainTimerStand : IGrainTimer
    {
        public void Change(TimeSpan dueTime, TimeSpan period)
        {
        }

        public void Dispose()
        {
        }
    }
}
