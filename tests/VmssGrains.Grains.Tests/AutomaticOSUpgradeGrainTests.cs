using System.Text.Json.Nodes;
using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Domain.Faults;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;
using VmssGrains.Domain.ScaleSets;

namespace VmssGrains.Grains.Tests;

/// <summary>Automatic OS image upgrades: started by the platform on publication, rollback, deferral, history.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AutomaticOSUpgradeGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Replication = TimeSpan.FromMinutes(10);

    // An OS upgrade reimages and boots, re-runs the extension and waits for the probes: 380 s with fixed timing.
    private static readonly TimeSpan U = Fleets.Upgrade;

    [Fact]
    public async Task PublishingAVersion_StartsAPlatformRunAfterReplication_In20PercentBatchesZoneByZone()
    {
        const string name = "auto-os";
        var image = await ImageAsync(name);
        await fixture.CreateAsync(name, Fleets.ScaleSet(10, mode: "Manual", zones: ["1", "2"], imageId: image, automaticOSUpgradePolicy: Auto()));
        var publishedAt = fixture.Now + Replication;

        await PublishAsync(name, "2.0.0", publishedAt);
        await fixture.SettleAsync();

        var run = Assert.Single((await fixture.ScaleSet(name).GetSnapshotAsync()).Runs).Run;
        Assert.Equal((RunKind.OSUpgrade, "Platform", RunStatusCode.Completed, publishedAt), (run.Kind, run.StartedBy, run.Code, run.StartTime));
        Assert.Equal("2.0.0", run.TargetImage!.Version);
        Assert.Equal(
            [("1", new[] { "0", "2" }), ("1", ["4", "6"]), ("1", ["8"]), ("2", ["1", "3"]), ("2", ["5", "7"]), ("2", ["9"])],
            run.Batches.Select(b => (b.Zone!, b.InstanceIds.ToArray())).ToArray());
        Assert.Equal((10, 0, 0), (run.Succeeded.Count, run.RolledBackSucceeded, run.RolledBackFailed));
        Assert.All(await fixture.StatesAsync(name), s => Assert.Equal(("2.0.0", 1), (s.Image.Version, s.ModelVersion)));
    }

    [Fact]
    public async Task InstanceThatStaysUnhealthy_GetsItsPreviousOsDiskBack_AndTheRunFaults()
    {
        const string name = "auto-os-rollback";
        var image = await ImageAsync(name);
        var faults = new FaultRules { UnhealthyAfterUpgrade = [new ImageFault("2.0.0", 0, ["0"])] };
        await fixture.CreateAsync(name, Fleets.ScaleSet(10, mode: "Manual", imageId: image, automaticOSUpgradePolicy: Auto()), faults: faults);
        var publishedAt = fixture.Now + Replication;

        await PublishAsync(name, "2.0.0", publishedAt);
        await fixture.SettleAsync();

        var run = Assert.Single((await fixture.ScaleSet(name).GetSnapshotAsync()).Runs).Run;
        Assert.Equal((RunStatusCode.Faulted, RollingUpgradeErrors.UpgradedExceeded), (run.Code, run.Error!.Code));
        Assert.Equal((1, 1, 1, 0), (run.Succeeded.Count, run.Failed.Count, run.RolledBackSucceeded, run.RolledBackFailed));

        // Instance 0: drain 10 s, reimage 180 s and boot 60 s on 2.0.0, 120 s of extension, 5 min of probing in
        // vain, then the previous disk back: reimage, boot, extension and 10 s of probes. The batch ends when it reports.
        Assert.Equal(publishedAt + TimeSpan.FromSeconds(10 + 180 + 60 + 120 + 300 + 180 + 60 + 120 + 10), run.Batches[0].EndTime);
        var states = await fixture.StatesAsync(name);
        Assert.Equal(("1.0.0", HealthState.Healthy), (states[0].Image.Version, states[0].Health));
        Assert.Equal(("2.0.0", HealthState.Healthy), (states[1].Image.Version, states[1].Health));
        Assert.All(states.Skip(2), s => Assert.Equal("1.0.0", s.Image.Version));
        var history = (await fixture.ScaleSet(name).GetSnapshotAsync()).Runs.Select(r => r.Run).Where(r => r.Kind == RunKind.OSUpgrade).ToList();
        Assert.Equal(1, Assert.Single(history).RolledBackSucceeded);
    }

    [Fact]
    public async Task DisableAutomaticRollback_LeavesTheUnhealthyInstanceOnTheNewImage()
    {
        const string name = "auto-os-no-rollback";
        var image = await ImageAsync(name);
        var faults = new FaultRules { UnhealthyAfterUpgrade = [new ImageFault("2.0.0", 0, ["0"])] };
        await fixture.CreateAsync(name, Fleets.ScaleSet(10, mode: "Manual", imageId: image, automaticOSUpgradePolicy: Auto(disableRollback: true)), faults: faults);

        await PublishAsync(name, "2.0.0", fixture.Now + Replication);
        await fixture.SettleAsync();

        var run = Assert.Single((await fixture.ScaleSet(name).GetSnapshotAsync()).Runs).Run;
        Assert.Equal((RunStatusCode.Faulted, 0), (run.Code, run.RolledBackSucceeded));
        var zero = (await fixture.Instance(name, "0").GetStateAsync())!;
        Assert.Equal(("2.0.0", HealthState.Unhealthy), (zero.Image.Version, zero.Health));
    }

    [Fact]
    public async Task Deferral_InstancesWaitForApproval()
    {
        const string name = "auto-os-deferral";
        var image = await ImageAsync(name);
        await fixture.CreateAsync(name, Fleets.ScaleSet(4, mode: "Manual", imageId: image, automaticOSUpgradePolicy: Auto(deferral: true), policy: Fleets.Policy(batch: 50)));
        var publishedAt = fixture.Now + Replication;
        await PublishAsync(name, "2.0.0", publishedAt);

        // Nothing moves without approval: the first batch waits an hour.
        await fixture.Clock.RunUntilAsync(publishedAt + TimeSpan.FromHours(1));
        var waiting = Assert.Single((await fixture.ScaleSet(name).GetSnapshotAsync()).Runs).Run;
        Assert.Equal((RunStatusCode.RollingForward, 0, 1), (waiting.Code, waiting.Succeeded.Count, waiting.InFlight.Count));
        Assert.All(await fixture.StatesAsync(name), s => Assert.Equal("1.0.0", s.Image.Version));

        var approvedAt = fixture.Now;
        await fixture.ScaleSet(name).ApproveRollingUpgradeAsync(["0"]);
        await fixture.Clock.RunUntilAsync(approvedAt + U + TimeSpan.FromMinutes(1));
        Assert.Equal(["0"], (await fixture.ScaleSet(name).GetSnapshotAsync()).Runs[0].Run.Succeeded.ToArray());

        await fixture.ScaleSet(name).ApproveRollingUpgradeAsync([]);
        await fixture.SettleAsync();
        var run = (await fixture.ScaleSet(name).GetSnapshotAsync()).Runs[0].Run;
        Assert.Equal((RunStatusCode.Completed, 4), (run.Code, run.Succeeded.Count));
    }

    [Fact]
    public async Task ManualStartOSUpgrade_DoesNotRollBack()
    {
        const string name = "manual-os-upgrade";
        var image = await ImageAsync(name);
        var faults = new FaultRules { UnhealthyAfterUpgrade = [new ImageFault("2.0.0", 0, ["0"])] };
        await fixture.CreateAsync(name, Fleets.ScaleSet(10, mode: "Manual", imageId: image, automaticOSUpgradePolicy: Auto()), faults: faults);
        await fixture.Grains.GetGrain<IImageGalleryGrain>(GrainKeys.Gallery).FollowAsync(name, name, follow: false);
        await PublishAsync(name, "2.0.0", fixture.Now);
        await fixture.SettleAsync();
        Assert.Empty((await fixture.ScaleSet(name).GetSnapshotAsync()).Runs);

        await fixture.ScaleSet(name).StartOSUpgradeAsync();
        await fixture.SettleAsync();

        var run = Assert.Single((await fixture.ScaleSet(name).GetSnapshotAsync()).Runs).Run;
        Assert.Equal(("User", RunStatusCode.Faulted, 0), (run.StartedBy, run.Code, run.RolledBackSucceeded));
        Assert.Equal("2.0.0", (await fixture.Instance(name, "0").GetStateAsync())!.Image.Version);
    }

    [Fact]
    public async Task PublicationDuringARun_StartsThePlatformRunWhenTheRunEnds()
    {
        const string name = "auto-os-pending";
        var image = await ImageAsync(name);
        await fixture.CreateAsync(name, Fleets.ScaleSet(5, mode: "Rolling", imageId: image, automaticOSUpgradePolicy: Auto()));
        var start = fixture.Now;
        await fixture.ScaleSet(name).UpdateAsync("""{ "properties": { "virtualMachineProfile": { "extensionProfile": { "extensions": [ { "name": "app", "properties": { "type": "CustomScript", "settings": { "v": 2 } } } ] } } } }""");
        await PublishAsync(name, "2.0.0", start + TimeSpan.FromMinutes(1));
        await fixture.SettleAsync();

        var runs = (await fixture.ScaleSet(name).GetSnapshotAsync()).Runs.Select(r => r.Run).ToList();
        Assert.Equal([(RunKind.RollingUpgrade, "User"), (RunKind.OSUpgrade, "Platform")], runs.Select(r => (r.Kind, r.StartedBy)).ToArray());
        Assert.Equal(runs[0].EndTime, runs[1].StartTime);
        Assert.All(runs, r => Assert.Equal(RunStatusCode.Completed, r.Code));
    }

    private static JsonObject Auto(bool disableRollback = false, bool deferral = false) => new()
    {
        ["enableAutomaticOSUpgrade"] = true,
        ["disableAutomaticRollback"] = disableRollback,
        ["osRollingUpgradeDeferral"] = deferral,
    };

    /// <summary>A gallery image of its own for the test, at 1.0.0; the scale set follows its latest version.</summary>
    private async Task<string> ImageAsync(string image)
    {
        await fixture.Grains.GetGrain<IImageGalleryGrain>(GrainKeys.Gallery).AddVersionsAsync([new ImageVersionInfo { Image = new ImageReference(ImageSource.Gallery, image, "1.0.0") }]);
        return $"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/{image}";
    }

    private Task PublishAsync(string image, string version, DateTimeOffset publishedAt) =>
        fixture.Grains.GetGrain<IImageGalleryGrain>(GrainKeys.Gallery).AddVersionsAsync([new ImageVersionInfo { Image = new ImageReference(ImageSource.Gallery, image, version), PublishedAt = publishedAt }]);
}
