using VmssGrains.Grains.Hosting;

namespace VmssGrains.Grains.Tests.Faults;

/// <summary>
/// An exception where Orleans would log and ignore it — a wake-up, a one-way call — fails the simulation
/// loudly: the driver's wait on the virtual clock ends with it at once, naming what failed, and so does every later wait.
/// </summary>
public sealed class SimulationFaultTests : IAsyncLifetime
{
    private FaultClusterFixture cluster = null!;

    public async Task InitializeAsync() => cluster = await FaultClusterFixture.StartAsync();

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task ExceptionInAWakeUp_FailsTheDriversWaitNamingTheGrainAndTheTime()
    {
        var start = cluster.Clock.GetUtcNow();
        await cluster.Cluster.Client.GetGrain<IFaultInjectionGrain>("wake").ThrowOnWakeAsync(TimeSpan.FromMinutes(5), "the disk is on fire");

        var error = await Assert.ThrowsAsync<SimulationFaultException>(() => cluster.Clock.RunUntilAsync(start + TimeSpan.FromHours(1)));

        Assert.Equal(
            $"the simulation failed: the wake-up 1 of faultinjection/wake at {start + TimeSpan.FromMinutes(5):O} threw InvalidOperationException: the disk is on fire",
            error.Message);
        Assert.Same(error, cluster.Host.Monitor.Fault);

        // The time stops where it failed, and the failure stays: nothing later can run on a broken timeline.
        Assert.Equal(start + TimeSpan.FromMinutes(5), cluster.Clock.GetUtcNow());
        Assert.Same(error, await Assert.ThrowsAsync<SimulationFaultException>(() => cluster.Clock.RunUntilIdleAsync(start + TimeSpan.FromDays(1))));
    }

    [Fact]
    public async Task ExceptionInAOneWayCall_FailsTheDriversWaitNamingTheCall()
    {
        var start = cluster.Clock.GetUtcNow();
        await cluster.Cluster.Client.GetGrain<IFaultInjectionGrain>("one-way").ThrowOneWayAsync("nobody hears this");

        // The test grain's calls are not counted as simulation work: wait (wall time) until the silo has run it.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while (cluster.Host.Monitor.Fault is null && DateTime.UtcNow < deadline && await poll.WaitForNextTickAsync())
        {
        }

        var error = await Assert.ThrowsAsync<SimulationFaultException>(() => cluster.Clock.RunUntilAsync(start + TimeSpan.FromHours(1)));

        Assert.Equal(
            "the simulation failed: the one-way call IFaultInjectionGrain.ThrowOneWayAsync to faultinjection/one-way threw InvalidOperationException: nobody hears this",
            error.Message);
        Assert.Same(error, cluster.Host.Monitor.Fault);
    }
}
