using VmssGrains.Client.Rendering;

namespace VmssGrains.Client.Tests.Progress;

/// <summary>The rate over the last interval: measured when an interval closes, held in between, the rate since the start before the first.</summary>
public sealed class ProgressRateTests
{
    [Fact]
    public void Sample_BeforeTheFirstInterval_IsTheRateSinceTheStart()
    {
        var rate = new ProgressRate(TimeSpan.FromSeconds(2));

        Assert.Equal(0, rate.Sample(0, TimeSpan.Zero));
        Assert.Equal(100, rate.Sample(50, TimeSpan.FromSeconds(0.5)));
        Assert.Equal(80, rate.Sample(120, TimeSpan.FromSeconds(1.5)));
    }

    [Fact]
    public void Sample_IntervalsClosed_IsTheRateOverTheLastOneOnly()
    {
        var rate = new ProgressRate(TimeSpan.FromSeconds(2));

        Assert.Equal(500, rate.Sample(1_000, TimeSpan.FromSeconds(2)));

        // Within the next interval the last measured rate holds, whatever the count does meanwhile.
        Assert.Equal(500, rate.Sample(1_000, TimeSpan.FromSeconds(3)));

        // 2.5 s later, 9,000 more: the first interval's 1,000 no longer count.
        Assert.Equal(3_600, rate.Sample(10_000, TimeSpan.FromSeconds(4.5)));

        // Nothing ended over the next interval: 0, not the average since the start.
        Assert.Equal(0, rate.Sample(10_000, TimeSpan.FromSeconds(6.5)));
    }

    [Fact]
    public void Average_IsTheCountOverTheWholeWallTime()
    {
        Assert.Equal(2_500, ProgressRate.Average(10_000, TimeSpan.FromSeconds(4)));
        Assert.Equal(0, ProgressRate.Average(10_000, TimeSpan.Zero));
    }
}
