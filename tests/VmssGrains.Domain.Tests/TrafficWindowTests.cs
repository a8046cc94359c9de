using VmssGrains.Domain.Load;
using static VmssGrains.Domain.Tests.TestData;

namespace VmssGrains.Domain.Tests;

/// <summary>
/// One load balancer used by two scenarios one after the other (a shared cluster): the second scenario's traffic, counted
/// from its start (<see cref="TrafficMeter.CountedFrom"/>), is what the first scenario's was, though the load balancer
/// dropped everything it was offered between them.
/// </summary>
public class TrafficWindowTests
{
    private static DateTimeOffset At(int seconds) => T0.AddSeconds(seconds);

    /// <summary>
    /// A scenario starting at <paramref name="start"/> (seconds): 1,500 requests/s offered, 2 backends of 1,000/s; one
    /// out of service from 10 s to 30 s; at 40 s its scale set is deleted (backends first, the target at 50 s). Returns
    /// the meter at the start (after configuring) and at 40 s.
    /// </summary>
    private static (TrafficMeter Start, TrafficMeter End) Scenario(BackendPool pool, int start, OfferedLoadCurve? curve = null)
    {
        pool.Configure(1500, 1000, At(start));
        pool.Configure(curve, null, 0, At(start), At(start));
        var atStart = pool.Meter.Closed(At(start));
        pool.SetTarget("web", 2, At(start));
        pool.Update("web/0", true, true, true, At(start));
        pool.Update("web/1", true, true, true, At(start));
        pool.Update("web/1", true, true, false, At(start + 10));
        pool.Update("web/1", true, true, true, At(start + 30));
        var atEnd = pool.Meter.Closed(At(start + 40));
        pool.Update("web/0", false, false, false, At(start + 40));
        pool.Update("web/1", false, false, false, At(start + 40));
        pool.SetTarget("web", 0, At(start + 50));
        return (atStart, atEnd);
    }

    [Fact]
    public void CountedFrom_SecondScenarioAfterAnIdleLoadBalancer_HasTheFirstScenariosFigures()
    {
        var pool = new BackendPool();
        var first = Scenario(pool, 0);
        var second = Scenario(pool, 200);
        var one = first.End.CountedFrom(first.Start);
        var two = second.End.CountedFrom(second.Start);

        // Between them the load balancer dropped 1,500/s for 160 s: the second scenario does not count that.
        Assert.Equal(60_000 + (1500 * 160) + 60_000, second.End.Offered);
        Assert.Equal((60_000.0, 50_000.0, 10_000.0), (one.Offered, one.Served, one.Dropped));
        Assert.Equal((60_000.0, 50_000.0, 10_000.0), (two.Offered, two.Served, two.Dropped));
        Assert.Equal((50.0, 1), (two.MinInServicePercent, two.MinInService));
        Assert.Equal([new LoadMinute(0, 10_000, 10_000, 0)], two.Minutes);
        Assert.Equal(one.Minutes, two.Minutes);
    }

    [Fact]
    public void CountedFrom_SteppedModelWithACurve_HasTheFirstScenariosFiguresAndMinutes()
    {
        var curve = new OfferedLoadCurve { Points = [new LoadCurvePoint(0, 1500), new LoadCurvePoint(100, 1500)] };
        var pool = new BackendPool();
        var first = Scenario(pool, 0, curve);
        var second = Scenario(pool, 290, curve);
        var one = first.End.CountedFrom(first.Start);
        var two = second.End.CountedFrom(second.Start);

        Assert.Equal((60_000.0, 50_000.0, 10_000.0), (one.Offered, one.Served, one.Dropped));
        Assert.Equal((one.Offered, one.Served, one.Dropped, one.LatencySum), (two.Offered, two.Served, two.Dropped, two.LatencySum));
        Assert.Equal(one.Minutes, two.Minutes);
        Assert.Equal((50.0, 1), (two.MinInServicePercent, two.MinInService));
    }

    [Fact]
    public void CountedFrom_AMeterThatHadNotStarted_IsTheMeterItself()
    {
        var pool = new BackendPool();
        var (start, end) = Scenario(pool, 0);

        Assert.Same(end, end.CountedFrom(start));
    }

    [Fact]
    public void CountedFrom_ALaterReading_IsRefused()
    {
        var pool = new BackendPool();
        var first = Scenario(pool, 0);
        var later = pool.Meter.Closed(At(100));

        var e = Assert.Throws<ArgumentException>(() => first.End.CountedFrom(later));
        Assert.Equal("start", e.ParamName);
    }
}
