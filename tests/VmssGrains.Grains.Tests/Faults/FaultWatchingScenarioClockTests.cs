using VmssGrains.Grains.Hosting;
using VmssGrains.Simulation.Driving;

namespace VmssGrains.Grains.Tests.Faults;

/// <summary>On any clock (here a wall clock that is never done) a driver's wait ends with the simulation's fault.</summary>
public sealed class FaultWatchingScenarioClockTests
{
    [Fact]
    public async Task Wait_FaultArrives_EndsWithTheFaultAndStopsTheInnerWait()
    {
        var monitor = new SimulationMonitor();
        var inner = new NeverDoneClock();
        using var clock = new FaultWatchingScenarioClock(inner, monitor);
        var wait = clock.AdvanceToAsync(DateTimeOffset.MaxValue, CancellationToken.None);
        Assert.False(wait.IsCompleted);

        var fault = new SimulationFaultException("the wake-up 7 of scaleset/web at 2026-01-01T00:05:00.0000000+00:00", new InvalidOperationException("boom"));
        monitor.Fail(fault);

        Assert.Same(fault, await Assert.ThrowsAsync<SimulationFaultException>(() => wait));
        await inner.Cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Same(fault, await Assert.ThrowsAsync<SimulationFaultException>(() => clock.NowAsync(CancellationToken.None)));
        Assert.Equal("the simulation failed: the wake-up 7 of scaleset/web at 2026-01-01T00:05:00.0000000+00:00 threw InvalidOperationException: boom", fault.Message);
    }

    [Fact]
    public void Watch_WhileTheClockLives_TellsTheMonitorADriverReportsFaults()
    {
        var monitor = new SimulationMonitor();

        using (new FaultWatchingScenarioClock(new NeverDoneClock(), monitor))
        {
            Assert.True(monitor.Watched);
        }

        Assert.False(monitor.Watched);
    }

    /// <summary>A wall clock whose waits end only when cancelled.</summary>
    private sealed class NeverDoneClock : IScenarioClock
    {
        public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<DateTimeOffset> NowAsync(CancellationToken cancellationToken) => Task.FromResult(DateTimeOffset.UnixEpoch);

        public async Task AdvanceToAsync(DateTimeOffset time, CancellationToken cancellationToken)
        {
            try
            {
                await new TaskCompletionSource().Task.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                Cancelled.TrySetResult();
                throw;
            }
        }

        public Task<DateTimeOffset> RunUntilSettledAsync(DateTimeOffset limit, CancellationToken cancellationToken) => AdvanceAsync(limit, cancellationToken);

        public async Task<bool> AdvanceUntilAsync(DateTimeOffset limit, Func<CancellationToken, Task<bool>> done, CancellationToken cancellationToken)
        {
            await AdvanceToAsync(limit, cancellationToken);
            return false;
        }

        private async Task<DateTimeOffset> AdvanceAsync(DateTimeOffset limit, CancellationToken cancellationToken)
        {
            await AdvanceToAsync(limit, cancellationToken);
            return limit;
        }
    }
}
