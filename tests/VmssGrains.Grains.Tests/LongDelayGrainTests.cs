using System.Text.Json.Nodes;
using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;
using VmssGrains.Domain.ScaleSets;
using VmssGrains.Grains.Clock;

namespace VmssGrains.Grains.Tests;

/// <summary>
/// Simulated delays longer than a timer takes (about 49.7 days): a pause between batches of P50D, a replication
/// time of P60D. They are chained in <see cref="SimulatedTime"/> and end at the exact simulated time.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LongDelayGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan U = Fleets.Upgrade;

    [Fact]
    public async Task RollingUpgrade_PauseOfFiftyDays_CompletesAtTheExactEndTime()
    {
        const string name = "pause-50-days";
        var pause = TimeSpan.FromDays(50);
        await fixture.CreateAsync(name, Fleets.ScaleSet(6, policy: Fleets.Policy(batch: 34, unhealthy: 34, pause: "P50D")));
        var start = fixture.Now;

        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        var end = await SettleAsync();

        var run = (await fixture.ScaleSet(name).GetLatestRollingUpgradeAsync())!.Run;
        Assert.Equal((RunStatusCode.Completed, (6, 0, 0, 0)), (run.Code, run.Progress));
        Assert.Equal(
            [(start, start + U), (start + U + pause, start + (2 * U) + pause), (start + (2 * U) + (2 * pause), start + (3 * U) + (2 * pause))],
            run.Batches.Select(b => (b.StartTime, b.EndTime!.Value)).ToArray());
        Assert.Equal(start + (3 * U) + (2 * pause), end);
        Assert.All(await fixture.StatesAsync(name), s => Assert.Equal("1.1.0", s.Image.Version));
    }

    [Fact]
    public async Task Publication_ReplicationOfSixtyDays_StartsThePlatformUpgradeExactlyThen()
    {
        const string name = "replication-60-days";
        var gallery = fixture.Grains.GetGrain<IImageGalleryGrain>(GrainKeys.Gallery);
        await gallery.AddVersionsAsync([new ImageVersionInfo { Image = new ImageReference(ImageSource.Gallery, name, "1.0.0") }]);
        var auto = new JsonObject { ["enableAutomaticOSUpgrade"] = true };
        await fixture.CreateAsync(name, Fleets.ScaleSet(2, mode: "Manual", imageId: $"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/{name}", automaticOSUpgradePolicy: auto));
        var publishedAt = fixture.Now + TimeSpan.FromDays(60);
        var version = new ImageReference(ImageSource.Gallery, name, "2.0.0");

        await gallery.AddVersionsAsync([new ImageVersionInfo { Image = version, PublishedAt = publishedAt }]);
        await fixture.Clock.RunUntilAsync(publishedAt - TimeSpan.FromSeconds(1));
        Assert.Equal(1, await gallery.PendingPublicationsAsync([version]));
        Assert.Equal("1.0.0", (await gallery.ResolveAsync(version.AtVersion(ImageReference.Latest))).Image.Version);
        await SettleAsync();

        Assert.Equal(0, await gallery.PendingPublicationsAsync([version]));
        var run = Assert.Single((await fixture.ScaleSet(name).GetSnapshotAsync()).Runs).Run;
        Assert.Equal((RunKind.OSUpgrade, "Platform", RunStatusCode.Completed, publishedAt), (run.Kind, run.StartedBy, run.Code, run.StartTime));
        Assert.Equal("2.0.0", run.TargetImage!.Version);
    }

    /// <summary>Runs until everything has settled, however far away (the fixture's own limit is 30 days).</summary>
    private Task<DateTimeOffset> SettleAsync() =>
        fixture.Clock.RunUntilIdleAsync(fixture.Now + TimeSpan.FromDays(400), () => fixture.Host.Monitor.IsSettled);
}
