using System.Collections.Immutable;
using VmssGrains.Domain.Fleet;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Rolling;
using VmssGrains.Domain.ScaleSets;
using static VmssGrains.Domain.Tests.TestData;

namespace VmssGrains.Domain.Tests;

/// <summary>
/// The rules the hot path computes without the general means (sorting, parsing, formatting, rebuilding): each gives
/// exactly what the general means gives, including on the inputs the shortcut does not take.
/// </summary>
public sealed class HotPathRulesTests
{
    [Fact]
    public void WithFile_SortedFiles_InsertsInOrdinalOrder()
    {
        var disk = new DiskState(1, null, ["/a", "/c", "/e"]);

        Assert.Equal(["/a", "/b", "/c", "/e"], disk.WithFile("/b").Files.ToArray());
        Assert.Equal(["/0", "/a", "/c", "/e"], disk.WithFile("/0").Files.ToArray());
        Assert.Equal(["/a", "/c", "/e", "/z"], disk.WithFile("/z").Files.ToArray());
        Assert.Equal(["/B", "/a", "/c", "/e"], disk.WithFile("/B").Files.ToArray());
    }

    [Fact]
    public void WithFile_KnownFile_ReturnsTheSameDisk()
    {
        var disk = new DiskState(1, null, ["/a", "/c"]);

        Assert.Same(disk, disk.WithFile("/c"));
    }

    [Fact]
    public void WithFile_UnsortedFiles_SortsThemAll()
    {
        var disk = new DiskState(1, null, ["/c", "/a"]);

        Assert.Equal(["/a", "/b", "/c"], disk.WithFile("/b").Files.ToArray());
    }

    [Theory]
    [InlineData("9", "10", -1)]
    [InlineData("10", "9", 1)]
    [InlineData("007", "7", 0)]
    [InlineData("123456789012345678", "123456789012345679", -1)]
    [InlineData("9999999999999999999", "10", 1)]
    [InlineData("-1", "0", -1)]
    [InlineData("a", "10", 1)]
    [InlineData("vm-2", "vm-10", 1)]
    public void InstanceOrder_ComparesNumbersNumericallyElseOrdinally(string x, string y, int sign)
    {
        Assert.Equal(sign, Math.Sign(InstanceOrder.Instance.Compare(x, y)));
        Assert.Equal(-sign, Math.Sign(InstanceOrder.Instance.Compare(y, x)));
    }

    [Fact]
    public void OfReport_EveryKind_ActionIsInstanceAndTheKind()
    {
        foreach (var kind in Enum.GetValues<OperationKind>())
        {
            var report = new InstanceReport("run-1", new InstanceOutcome("3", true), Instance("3"), kind);

            var (fact, _) = Assert.Single(ActivityFacts.OfReport(null, report, T0));

            Assert.Equal($"Instance{kind}", fact.Action);
        }
    }

    [Fact]
    public void OfReport_ReportOfTheRunUnderWay_NamesTheLatestBatchWithTheInstance()
    {
        var run = new RunState
        {
            RunId = "run-1",
            Batches = [new BatchRecord(1, null, ["1", "3"], T0), new BatchRecord(2, null, ["2", "3"], T0), new BatchRecord(3, null, ["4"], T0)],
        };

        Assert.Equal(2, ActivityFacts.OfReport(run, Report("3"), T0).Single().Fact.Batch);
        Assert.Equal(1, ActivityFacts.OfReport(run, Report("1"), T0).Single().Fact.Batch);
        Assert.Null(ActivityFacts.OfReport(run, Report("9"), T0).Single().Fact.Batch);
        Assert.Null(ActivityFacts.OfReport(run with { RunId = "run-2" }, Report("3"), T0).Single().Fact.Batch);

        static InstanceReport Report(string id) => new("run-1", new InstanceOutcome(id, true), Instance(id), OperationKind.Upgrade);
    }

    [Fact]
    public void RecordTimeline_SameInstantNewCounts_ReplacesTheInstantsPoint()
    {
        var timeline = Record([Point(0, 5), Point(10, 4)], at: 10, inService: 3);

        Assert.Equal([Point(0, 5), Point(10, 3)], timeline);
    }

    [Fact]
    public void RecordTimeline_SameInstantBackToThePreviousCounts_DropsTheInstantsPoint()
    {
        var timeline = Record([Point(0, 5), Point(10, 4)], at: 10, inService: 5);

        Assert.Equal([Point(0, 5)], timeline);
    }

    [Fact]
    public void RecordTimeline_OnlyPointIsThisInstants_TakesTheNewCounts()
    {
        var timeline = Record([Point(10, 4)], at: 10, inService: 5);

        Assert.Equal([Point(10, 5)], timeline);
    }

    [Fact]
    public void RecordTimeline_NewInstantSameCounts_LeavesTheTimeline()
    {
        ImmutableList<TimelinePoint> before = [Point(0, 5), Point(10, 4)];

        Assert.Same(before, Record(before, at: 20, inService: 4));
        Assert.Same(before, Record(before, at: 10, inService: 4));
    }

    [Fact]
    public void RecordTimeline_NewInstantNewCounts_AddsAPoint()
    {
        Assert.Equal([Point(0, 5), Point(10, 4), Point(20, 3)], Record([Point(0, 5), Point(10, 4)], at: 20, inService: 3));
        Assert.Equal([Point(20, 3)], Record([], at: 20, inService: 3));
    }

    private static TimelinePoint Point(int seconds, int inService) => new(T0.AddSeconds(seconds), inService, 0, 0);

    private static ImmutableList<TimelinePoint> Record(ImmutableList<TimelinePoint> timeline, int at, int inService)
    {
        var state = ScaleSetState.Empty("web") with { Timeline = timeline, Counts = new FleetCounts(inService, 0, 0) };
        var decision = new ScaleSetDecision(state, T0.AddSeconds(at));
        decision.RecordTimeline();
        return decision.S.Timeline;
    }
}
