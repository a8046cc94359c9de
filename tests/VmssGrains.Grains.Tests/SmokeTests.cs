using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Abstractions.Views;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Time;

namespace VmssGrains.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class SmokeTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Rolling_TenInstancesAtTwentyPercent_CompletesInFiveBatches()
    {
        var gallery = fixture.Grains.GetGrain<IImageGalleryGrain>(GrainKeys.Gallery);
        await gallery.AddVersionsAsync([
            new ImageVersionInfo { Image = new ImageReference(ImageSource.Gallery, "web", "1.0.0", "g") },
            new ImageVersionInfo { Image = new ImageReference(ImageSource.Gallery, "web", "1.1.0", "g") }]);
        await fixture.Grains.GetGrain<ILoadBalancerGrain>("smoke-lb").ConfigureAsync(new LoadBalancerConfig());
        var scaleSet = fixture.Grains.GetGrain<IScaleSetGrain>("smoke");
        var json = """
        { "sku": { "capacity": 10 }, "properties": { "upgradePolicy": { "mode": "Rolling" },
          "virtualMachineProfile": {
            "storageProfile": { "imageReference": { "id": "/x/galleries/g/images/web/versions/1.0.0" } },
            "networkProfile": { "healthProbe": { "id": "/x/loadBalancers/smoke-lb/probes/http" } },
            "extensionProfile": { "extensions": [ { "name": "app", "properties": { "type": "CustomScript" } } ] } } } }
        """;
        var timing = new TimingProfile
        {
            Drain = Distribution.Fixed(TimeSpan.FromSeconds(10)),
            Reimage = Distribution.Fixed(TimeSpan.FromMinutes(3)),
            Boot = Distribution.Fixed(TimeSpan.FromMinutes(1)),
            Extension = Distribution.Fixed(TimeSpan.FromMinutes(2)),
        };
        var start = fixture.Clock.GetUtcNow();
        await scaleSet.CreateOrUpdateAsync(json, new SimulationSettings { Seed = 1, Timing = timing });
        var op = await scaleSet.UpdateAsync("""{ "properties": { "virtualMachineProfile": { "storageProfile": { "imageReference": { "id": "/x/galleries/g/images/web/versions/1.1.0" } } } } }""");
        var end = await fixture.Clock.RunUntilIdleAsync(start + TimeSpan.FromHours(6), () => fixture.Host.Monitor.IsSettled);
        var latest = await scaleSet.GetLatestRollingUpgradeAsync();
        Assert.NotNull(latest);
        Assert.Equal(Domain.Rolling.RunStatusCode.Completed, latest.Run.Code);
        Assert.Equal(5, latest.Run.Batches.Count);
        Assert.All(latest.Run.Batches, b => Assert.Equal(2, b.InstanceIds.Length));
        Assert.Equal(TimeSpan.FromSeconds(5 * 380), end - start);
        Assert.Equal(0, fixture.Clock.Underflows);
        Assert.Equal("Succeeded", (await scaleSet.GetOperationAsync(op.Name)).Status);
    }
}
