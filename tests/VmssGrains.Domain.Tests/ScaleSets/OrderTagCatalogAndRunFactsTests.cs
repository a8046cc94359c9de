using VmssGrains.Domain.Rolling;
using VmssGrains.Domain.ScaleSets;
using static VmssGrains.Domain.Tests.ScaleSets.MachineFleets;

namespace VmssGrains.Domain.Tests.ScaleSets;

/// <summary><see cref="OrderTag"/>, <see cref="ImageCatalog.Resolve"/> and <see cref="RunFacts"/>.</summary>
public sealed class OrderTagCatalogAndRunFactsTests
{
    private const string RunId = "074900ad-6086-23de-d812-9df4fc1739fe";

    public static TheoryData<OrderPurpose, string?, string> Tags => new()
    {
        { OrderPurpose.Run, RunId, RunId },
        { OrderPurpose.Surge, RunId, RunId + ":surge" },
        { OrderPurpose.SurgeDelete, RunId, RunId + ":surge-delete" },
        { OrderPurpose.Rollback, RunId, RunId + ":rollback" },
        { OrderPurpose.Scale, null, "scale" },
        { OrderPurpose.SurgeCleanup, null, "surge-cleanup" },
        { OrderPurpose.Repair, null, "repair" },
        { OrderPurpose.RepairDelete, null, "repair-delete" },
    };

    [Theory]
    [MemberData(nameof(Tags))]
    public void OrderTag_EncodesAndParsesBack(OrderPurpose purpose, string? runId, string encoded)
    {
        var tag = new OrderTag(purpose, runId);

        Assert.Equal(encoded, tag.Encode());
        Assert.Equal(tag, OrderTag.Parse(encoded));
    }

    [Fact]
    public void OrderTag_EveryPurposeRoundTrips()
    {
        Assert.All(Enum.GetValues<OrderPurpose>(), p =>
        {
            var tag = new OrderTag(p, p is OrderPurpose.Run or OrderPurpose.Surge or OrderPurpose.SurgeDelete or OrderPurpose.Rollback ? "r-1" : null);
            Assert.Equal(tag, OrderTag.Parse(tag.Encode()));
        });
    }

    [Fact]
    public void Catalog_Latest_IsTheNewestVersionPublishedBy_Now()
    {
        var catalog = ImageCatalog.Empty.With([Version("1.10.0", T0.AddHours(2)), Version("1.2.0", T0), Version("1.9.0", T0.AddHours(1))]);
        var latest = Image("latest");

        Assert.Equal(["1.2.0", "1.9.0", "1.10.0"], catalog.Images["web"].Select(v => v.Image.Version));
        Assert.Equal("1.0.0", catalog.Resolve(latest, T0.AddMinutes(-1)).Image.Version);
        Assert.Equal("1.2.0", catalog.Resolve(latest, T0).Image.Version);
        Assert.Equal("1.9.0", catalog.Resolve(latest, T0.AddHours(1).AddSeconds(59)).Image.Version);
        Assert.Equal("1.10.0", catalog.Resolve(latest, T0.AddHours(2)).Image.Version);
        Assert.Equal(latest.AtVersion("1.9.0"), catalog.Resolve(latest, T0.AddHours(1)).Image);
    }

    [Fact]
    public void Catalog_Pinned_IsAsPublished_EvenBeforeItsTime_AndUnknownIsItself()
    {
        var catalog = ImageCatalog.Empty.With(Version("2.0.0", T0.AddHours(1)));

        Assert.Equal(Version("2.0.0", T0.AddHours(1)).PublishedAt, catalog.Resolve(Image("2.0.0"), T0).PublishedAt);
        Assert.Equal(Image("3.0.0"), catalog.Resolve(Image("3.0.0"), T0).Image);
        var platform = Model.ImageReference.Platform("Canonical", "ubuntu", "server", "latest");
        Assert.Equal(platform.AtVersion("1.0.0"), ImageCatalog.Empty.Resolve(platform, T0).Image);
        Assert.Equal("GalleryImageVersionNotFound", catalog.Problem(Image("3.0.0"), null, "the gallery")!.Code);
        Assert.Null(catalog.Problem(Image("2.0.0"), null, "the gallery"));
    }

    [Fact]
    public void Catalog_With_ReplacesAVersionOfTheSameNumber()
    {
        var catalog = ImageCatalog.Empty.With(Version("1.0.0", T0)).With(Version("1.0.0", T0.AddHours(1)));

        Assert.Equal(T0.AddHours(1), Assert.Single(catalog.Images["web"]).PublishedAt);
    }

    [Fact]
    public void RunFacts_BatchStartedAndEnded_AndTheRunEnded()
    {
        var started = new RunState { RunId = RunId };
        var batch = new BatchRecord(1, null, ["0", "1"], T0);
        var inBatch = started with { Batches = [batch] };
        var batchEnded = inBatch with { Batches = [batch with { EndTime = T0.AddMinutes(5) }] };
        var ended = batchEnded with { Phase = RunPhase.Ended, Code = RunStatusCode.Completed };

        Assert.Equal((null, null, false), (RunFacts.StartedBatch(null, started), RunFacts.EndedBatch(null, started), RunFacts.Ended(null, started)));
        Assert.Equal((batch, null), (RunFacts.StartedBatch(started, inBatch), RunFacts.EndedBatch(started, inBatch)));
        Assert.Equal((null, batchEnded.Batches[0]), (RunFacts.StartedBatch(inBatch, batchEnded), RunFacts.EndedBatch(inBatch, batchEnded)));
        Assert.Equal((true, null), (RunFacts.Ended(batchEnded, ended), RunFacts.EndedBatch(batchEnded, ended)));
        Assert.False(RunFacts.Ended(ended, ended));
    }

    [Fact]
    public void RunFacts_OfADrivenRun_OneStartAndOneEndPerBatch()
    {
        var d = FleetDriver.Create(ScaleSet(5, policy: Policy(batch: 40, unhealthy: 40)));
        d.Send(new PatchRequested(ImagePatch("1.1.0")));
        d.Settle();

        Assert.Single(d.Commands.OfType<RunStarted>());
        Assert.Equal([1, 2, 3], d.Commands.OfType<BatchStarted>().Select(b => b.Batch.Index));
        Assert.Equal([1, 2, 3], d.Commands.OfType<BatchEnded>().Select(b => b.Batch.Index));
        Assert.Equal(RunStatusCode.Completed, Assert.Single(d.Commands.OfType<RunFinished>()).Run.Code);
        Assert.All(d.Commands.OfType<BatchStarted>(), b => Assert.NotNull(b.Health));
        Assert.All(d.Commands.OfType<BatchEnded>(), b => Assert.Equal((0, true), (b.Failed, b.Health is not null)));
    }
}
