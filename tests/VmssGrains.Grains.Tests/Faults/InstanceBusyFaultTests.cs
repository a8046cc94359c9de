using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;
using VmssGrains.Grains.Hosting;

namespace VmssGrains.Grains.Tests.Faults;

/// <summary>
/// An order that reaches an instance while its operation has not reported is refused by the instance machine; the
/// one-way call cannot tell its sender, so it fails the simulation loudly instead of being dropped.
/// </summary>
public sealed class InstanceBusyFaultTests : IAsyncLifetime
{
    private FaultClusterFixture cluster = null!;

    public async Task InitializeAsync() => cluster = await FaultClusterFixture.StartAsync();

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task OrderWhileAnOperationHasNotReported_FailsTheSimulationNamingTheInstanceAndBothRuns()
    {
        var image = ImageReference.Platform("Canonical", "ubuntu-24_04-lts", "server", "1.0.0");
        var instance = cluster.Cluster.Client.GetGrain<IVmInstanceGrain>(GrainKeys.Instance("busy", "0"));
        await instance.InitializeAsync(InstanceMachine.Deployed("busy", "0", null, 0, 1, image, [], [], cluster.Clock.GetUtcNow()));

        // The restart waits for its wake-up on the virtual clock, which nothing advances: it stays under way.
        await instance.StartAsync(new UpgradeOrder { RunId = "repair", Kind = OperationKind.Restart, TargetImage = image });
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while ((await instance.GetStateAsync())?.Active is null && DateTime.UtcNow < deadline && await poll.WaitForNextTickAsync())
        {
        }

        await instance.StartAsync(new UpgradeOrder { RunId = "scale", Kind = OperationKind.Delete, TargetImage = image });
        while (cluster.Host.Monitor.Fault is null && DateTime.UtcNow < deadline && await poll.WaitForNextTickAsync())
        {
        }

        var error = Assert.IsType<SimulationFaultException>(cluster.Host.Monitor.Fault);
        Assert.Equal(
            "the simulation failed: the one-way call IVmInstanceGrain.StartAsync to vminstance/busy/0 threw InstanceBusyException: "
            + "instance '0' of scale set 'busy' is busy: it cannot start Delete for run 'scale' while Restart for run 'repair' has not reported",
            error.Message);

        // The operation under way is untouched.
        var active = (await instance.GetStateAsync())?.Active;
        Assert.Equal(("repair", OperationKind.Restart), (active?.Order.RunId, active?.Order.Kind));
    }
}
