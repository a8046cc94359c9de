using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;
using VmssGrains.Domain.ScaleSets;
using static VmssGrains.Domain.Tests.ScaleSets.MachineFleets;

namespace VmssGrains.Domain.Tests.ScaleSets;

/// <summary>Automatic OS image upgrades (docs/behaviour.md#automatic-os-image-upgrades).</summary>
public sealed class AutomaticOSUpgradeMachineTests
{
    private static readonly ImageCatalog OnlyFirst = ImageCatalog.Empty.With(Version("1.0.0", T0.AddDays(-1)));

    /// <summary>A scale set on <c>web</c> latest (1.0.0) following its publications; 1.1.0 is published an hour later.</summary>
    private static FleetDriver Following(int capacity, string[]? zones = null, System.Text.Json.Nodes.JsonObject? policy = null, bool useRollingPolicy = false, bool deferral = false, string mode = "Manual")
    {
        var d = FleetDriver.Create(ScaleSet(capacity, mode: mode, zones: zones, policy: policy, version: null, automaticOSUpgradePolicy: AutomaticOS(useRollingPolicy, deferral)), catalog: OnlyFirst);
        d.Advance(TimeSpan.FromHours(1));
        return d;
    }

    private static void Publish(FleetDriver d, string version)
    {
        var published = Version(version, d.Now);
        d.Send(new CatalogChanged(d.S.Catalog.With(published)));
        d.Send(new ImageVersionPublished(published));
    }

    [Fact]
    public void Create_WithALatestImage_FollowsIt()
    {
        var d = Following(2);

        Assert.Equal([new FollowImage(null, "web")], d.Commands.OfType<FollowImage>());
        Assert.Equal("web", d.S.FollowedImage);
        Assert.All(d.S.Instances.Values, i => Assert.Equal("1.0.0", i.Image.Version));
    }

    [Fact]
    public void Published_StartsAPlatformRun_With202020_AndFiveMinutesOfHealthWait()
    {
        var d = Following(5, policy: Policy(batch: 100, unhealthy: 100));
        var operations = d.S.Operations.Count;
        var mark = d.Commands.Count;

        Publish(d, "1.1.0");
        d.Settle(TimeSpan.Zero);

        var run = d.S.Run!;
        Assert.Equal((RunKind.OSUpgrade, "Platform", true, true, false), (run.Kind, run.StartedBy, run.Gated, run.AutomaticRollback, run.Deferred));
        Assert.Equal(RollingUpgradePolicy.Default, run.Policy);
        Assert.Equal("1.1.0", run.TargetImage!.Version);
        Assert.Equal(operations, d.S.Operations.Count);
        var order = Assert.Single(d.Since<StartOrder>(mark));
        Assert.Equal(("0", OperationKind.Reimage, 1, "1.1.0"), (order.InstanceId, order.Order.Kind, order.Order.ModelVersion, order.Order.Image.Image.Version));
        Assert.Equal((TimeSpan.FromMinutes(5), true, true), (order.Order.HealthWaitTimeout, order.Order.RollbackOnFailure, order.Order.WaitForHealth));

        d.Settle();

        Assert.Equal((RunStatusCode.Completed, (5, 0, 0, 0)), (d.S.Runs[^1].Run.Code, d.S.Runs[^1].Run.Progress));
        Assert.All(d.S.Instances.Values, i => Assert.Equal(("1.1.0", 1), (i.Image.Version, i.ModelVersion)));
    }

    [Fact]
    public void Published_UseRollingUpgradePolicy_TakesTheSetsPolicy_ButNeverUpgradesZonesTogether()
    {
        var d = Following(6, zones: ["1", "2"], policy: Policy(batch: 100, unhealthy: 100, crossZone: true), useRollingPolicy: true);

        Publish(d, "1.1.0");
        d.Settle();

        var run = d.S.Runs[^1].Run;
        Assert.Equal((100, false), (run.Policy.MaxBatchInstancePercent, run.Policy.EnableCrossZoneUpgrade));
        Assert.Equal([["0", "2", "4"], ["1", "3", "5"]], run.Batches.Select(b => b.InstanceIds.ToArray()));
        Assert.Equal(["1", "2"], run.Batches.Select(b => b.Zone!));
    }

    [Fact]
    public void Published_ForAnImageNotFollowed_StartsNothing()
    {
        var notFollowing = FleetDriver.Create(ScaleSet(2, version: null), catalog: OnlyFirst);
        var following = Following(2);
        var otherImage = new ImageVersionInfo { Image = ImageReference.FromText(ImageId("1.1.0").Replace("/web/", "/api/", StringComparison.Ordinal))!, PublishedAt = T0 };
        var marks = (notFollowing.Commands.Count, following.Commands.Count);

        notFollowing.Send(new ImageVersionPublished(Version("1.1.0", T0)));
        following.Send(new ImageVersionPublished(otherImage));

        Assert.Null(notFollowing.S.FollowedImage);
        Assert.Empty(notFollowing.Commands.Skip(marks.Item1));
        Assert.Empty(following.Commands.Skip(marks.Item2));
        Assert.Empty(notFollowing.S.Runs);
        Assert.Empty(following.S.Runs);
    }

    [Fact]
    public void Published_WhileARunIsUnderWay_StartsWhenItEnds()
    {
        var d = Following(3, policy: Policy(batch: 100, unhealthy: 100), mode: "Rolling");
        d.Send(new ExtensionUpgradeRequested());

        Publish(d, "1.1.0");
        Assert.True(d.S.PlatformUpgradePending);
        Assert.Single(d.S.Runs);
        d.Settle();

        Assert.Equal([RunKind.ExtensionUpgrade, RunKind.OSUpgrade], d.S.Runs.Select(r => r.Run.Kind));
        Assert.Equal(d.S.Runs[0].Run.EndTime, d.S.Runs[1].Run.StartTime);
        Assert.Equal((RunStatusCode.Completed, "Platform"), (d.S.Runs[1].Run.Code, d.S.Runs[1].Run.StartedBy));
        Assert.False(d.S.PlatformUpgradePending);
    }

    [Fact]
    public void Deferral_InstancesWaitForApproval_OneByOneOrAll()
    {
        var d = Following(3, policy: Policy(batch: 100, unhealthy: 100), useRollingPolicy: true, deferral: true);
        var mark = d.Commands.Count;

        Publish(d, "1.1.0");
        d.Settle(TimeSpan.Zero);
        Assert.Equal(["0", "1", "2"], d.S.AwaitingApproval.Order(InstanceOrder.Instance));
        Assert.Empty(d.Since<StartOrder>(mark));
        Assert.True(d.S.Run!.Deferred);

        d.Send(new ApproveRequested(["1"]));
        Assert.Equal(["1"], d.Since<StartOrder>(mark).Select(o => o.InstanceId));
        d.Advance(TimeSpan.FromHours(1));
        Assert.Equal((1, 0, 2, 0), d.S.Run!.Progress);

        d.Send(new ApproveRequested([]));
        d.Settle();

        Assert.Equal(["1", "0", "2"], d.Since<StartOrder>(mark).Select(o => o.InstanceId));
        Assert.Equal((RunStatusCode.Completed, (3, 0, 0, 0)), (d.S.Runs[^1].Run.Code, d.S.Runs[^1].Run.Progress));
        Assert.Empty(d.S.AwaitingApproval);
        Assert.False(d.S.ApprovedAll);
    }

    [Fact]
    public void Reimage_OfALatestImage_ResolvesTheNewestVersionPublishedByNow()
    {
        var d = FleetDriver.Create(ScaleSet(1, mode: "Manual", version: null), catalog: OnlyFirst);
        d.Send(new CatalogChanged(d.S.Catalog.With(Version("1.1.0", T0.AddMinutes(30)))));
        var mark = d.Commands.Count;

        d.Send(new ReimageRequested([], All: false));
        d.Settle(TimeSpan.Zero);
        d.Settle();
        d.Advance(TimeSpan.FromHours(1));
        d.Send(new ReimageRequested([], All: false));
        d.Settle();

        Assert.Equal(["1.0.0", "1.1.0"], d.Since<StartOrder>(mark).Select(o => o.Order.Image.Image.Version));
        Assert.Equal(HealthState.Healthy, d.S.Instances["0"].Health);
    }
}
