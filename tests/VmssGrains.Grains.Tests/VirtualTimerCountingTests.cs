using VmssGrains.Grains.Clock;

namespace VmssGrains.Grains.Tests;

/// <summary>
/// How the virtual clock counts a fired simulation timer: as work in flight from the moment it fires until Orleans
/// re-arms it after the grain's tick, so time never moves while a tick runs.
/// </summary>
public sealed class VirtualTimerCountingTests
{
    private static readonly DateTimeOffset Epoch = VirtualClock.DefaultEpoch;

    [Fact]
    public async Task ReArmedByTheGrainBeforeTheTickBegins_TheTickStaysCounted_UntilOrleansReArmsAfterIt()
    {
        using var clock = new VirtualClock(Epoch);
        var grainTimer = new GrainTimerStand();
        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ITimer? timer = null;
        var created = SimulationTimers.Create(() => timer = clock.CreateTimer(
            _ =>
            {
                // Orleans is handed the tick; before it marks the timer as firing, the grain re-arms it from a call.
                timer!.Change(TimeSpan.FromSeconds(30), Timeout.InfiniteTimeSpan);
                fired.SetResult();
            },
            grainTimer,
            TimeSpan.FromSeconds(5),
            Timeout.InfiniteTimeSpan));

        var run = clock.RunUntilAsync(Epoch.AddSeconds(5));
        await fired.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, clock.InFlight);
        Assert.False(run.IsCompleted);

        // The tick begins, and Orleans re-arms the timer when it ends: only then does the count drop.
        created.BeginTick();
        Assert.Equal(1, clock.InFlight);
        timer!.Change(TimeSpan.FromSeconds(30), Timeout.InfiniteTimeSpan);
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal((0L, 0L, Epoch.AddSeconds(5), 1), (clock.InFlight, clock.Underflows, clock.GetUtcNow(), clock.PendingTimers));
    }

    [Fact]
    public async Task ATickThatBeganEndsItsCount_AtTheReArmAfterIt()
    {
        using var clock = new VirtualClock(Epoch);
        var grainTimer = new GrainTimerStand();
        var fired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var created = SimulationTimers.Create(() => clock.CreateTimer(_ => fired.SetResult(), grainTimer, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan));
        var timer = created.Timer;

        var run = clock.RunUntilAsync(Epoch.AddSeconds(20));
        await fired.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, clock.InFlight);

        created.BeginTick();
        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        await run.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal((0L, 0L, Epoch.AddSeconds(20), 1L), (clock.InFlight, clock.Underflows, clock.GetUtcNow(), clock.FiredTimers));
    }

    /// <summary>Stands for the Orleans grain timer that owns a virtual timer (Orleans passes it as the timer's state).</summary>
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
