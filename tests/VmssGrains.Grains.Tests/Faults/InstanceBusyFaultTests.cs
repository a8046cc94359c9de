using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.ScaleSets;
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
        // A scale set with no instance holds the profile the instance the test creates refers to.
        var image = new ImageReference(ImageSource.Gallery, "web", "1.0.0");
        var client = cluster.Cluster.Client;
        await client.GetGrain<IImageGalleryGrain>(GrainKeys.Gallery).AddVersionsAsync([new ImageVersionInfo { Image = image }]);
        await client.GetGrain<IScaleSetGrain>("busy").CreateOrUpdateAsync(Fleets.ScaleSet(0, mode: "Manual"), new SimulationSettings { Seed = 1 });
        var profile = new InstanceProfileKey("busy", 1, 1);
        var instance = client.GetGrain<IVmInstanceGrain>(GrainKeys.Instance("busy", "0"));
        await instance.InitializeAsync(new InstanceSpec { InstanceId = "0", Image = image, ModelVersion = 1, Deployed = true }, [], profile);

        // The restart waits for its wake-up on the virtual clock, which nothing advances: it stays under way.
        await instance.StartAsync(new UpgradeOrder { RunId = "repair", Kind = OperationKind.Restart, TargetImage = image, Profile = profile });
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        while ((await instance.GetStateAsync())?.Active is null && DateTime.UtcNow < deadline && await poll.WaitForNextTickAsync())
        {
        }

        await instance.StartAsync(new UpgradeOrder { RunId = "scale", Kind = OperationKind.Delete, TargetImage = image, Profile = profile });
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
