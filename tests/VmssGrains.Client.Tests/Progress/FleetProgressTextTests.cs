using VmssGrains.Client.Rendering;

namespace VmssGrains.Client.Tests.Progress;

/// <summary>The fleet line's format: counts with separators, simulated time as the report prints it, the rate rounded (to a tenth below 10), wall seconds truncated.</summary>
public sealed class FleetProgressTextTests
{
    [Fact]
    public void Line_LargeCounts_ThousandsSeparatorsIsoSimulatedTimeRoundedRateWholeWallSeconds()
    {
        var counters = new FleetCounters(412_000, 180_000, TimeSpan.FromSeconds(750.9));

        var line = FleetProgressText.Line(counters, "instance operations", 15_299.5, TimeSpan.FromSeconds(34.99));

        Assert.Equal("412,000 instance operations ended, 180,000 under way · simulated PT12M30S · 15,300/s · 34 s wall", line);
    }

    [Fact]
    public void Line_Average_SaysSo()
    {
        var line = FleetProgressText.Line(new FleetCounters(6, 0, TimeSpan.FromSeconds(1461)), "instance operations", 4.49, TimeSpan.FromSeconds(1.5), average: true);

        Assert.Equal("6 instance operations ended, 0 under way · simulated PT24M21S · 4.5/s on average · 1 s wall", line);
    }

    [Theory]
    [InlineData(0.0, "0/s")]
    [InlineData(0.04, "0/s")]
    [InlineData(0.05, "0.1/s")]
    [InlineData(0.4, "0.4/s")]
    [InlineData(3.0, "3/s")]
    [InlineData(9.94, "9.9/s")]
    [InlineData(9.96, "10/s")]
    [InlineData(10.5, "11/s")]
    [InlineData(1_234_567.5, "1,234,568/s")]
    [InlineData(-3.0, "0/s")]
    public void Rate_BelowTenToATenthElseWholeHalfAwayFromZeroNeverNegative(double perSecond, string expected) =>
        Assert.Equal(expected, FleetProgressText.Rate(perSecond));

    [Fact]
    public void Line_BeforeTheStart_ShowsZeroes()
    {
        var line = FleetProgressText.Line(new FleetCounters(0, 0, TimeSpan.FromSeconds(-1)), "instance upgrades", 0, TimeSpan.FromSeconds(-0.1));

        Assert.Equal("0 instance upgrades ended, 0 under way · simulated PT0S · 0/s · 0 s wall", line);
    }
}
