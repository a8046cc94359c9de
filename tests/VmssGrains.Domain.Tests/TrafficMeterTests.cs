using VmssGrains.Domain.Load;
using static VmssGrains.Domain.Tests.TestData;

namespace VmssGrains.Domain.Tests;

public class TrafficMeterTests
{
    private static readonly TrafficMeter Empty = new() { RequestsPerSecond = 1500, CapacityPerInstance = 1000 };

    private static DateTimeOffset At(int seconds) => T0.AddSeconds(seconds);

    /// <summary>2 backends: both in service for 10 s, one for 20 s, both again for 10 s.</summary>
    private static TrafficMeter RollingDip() =>
        Empty.With(2, 2, At(0)).With(2, 1, At(10)).With(2, 2, At(30)).Closed(At(40));

    [Fact]
    public void Closed_RollingDip_ServesMinOfOfferedAndCapacityOverTime()
    {
        var meter = RollingDip();

        // Offered 1500/s × 40 s; served 1500 × 10 + 1000 × 20 + 1500 × 10.
        Assert.Equal(60_000, meter.Offered);
        Assert.Equal(50_000, meter.Served);
        Assert.Equal(10_000, meter.Dropped);
    }

    [Fact]
    public void AvailabilityPercent_RollingDip_IsServedOverOfferedToThreeDecimals()
    {
        Assert.Equal(83.333, RollingDip().AvailabilityPercent);
    }

    [Fact]
    public void MinInServicePercent_RollingDip_IsLowestStateThatLasted()
    {
        Assert.Equal(50, RollingDip().MinInServicePercent);
    }

    [Fact]
    public void MinInServicePercent_ZeroLengthState_IsIgnored()
    {
        var meter = Empty.With(4, 4, At(0)).With(4, 0, At(10)).With(4, 4, At(10)).AdvanceTo(At(20));

        Assert.Equal(100, meter.MinInServicePercent);
        Assert.Equal(30_000, meter.Served);
    }

    [Fact]
    public void Closed_CurrentStateOfNoDuration_CountsForMinimum()
    {
        var meter = Empty.With(4, 4, At(0)).With(4, 1, At(10)).Closed(At(10));

        Assert.Equal(25, meter.MinInServicePercent);
    }

    [Fact]
    public void AdvanceTo_AllBackendsOut_DropsEverything()
    {
        var meter = Empty.With(3, 0, At(0)).AdvanceTo(At(60));

        Assert.Equal((90_000.0, 0.0, 0.0), (meter.Offered, meter.Served, meter.AvailabilityPercent));
    }

    [Fact]
    public void AdvanceTo_BeforeAnyBackend_CountsNothing()
    {
        var meter = (Empty with { RequestsPerSecond = 100 }).AdvanceTo(At(100)).With(2, 2, At(300)).AdvanceTo(At(310));

        Assert.Equal((At(310), 1000.0, 1000.0), (meter.Since, meter.Offered, meter.Served));
    }

    [Fact]
    public void AvailabilityPercent_NothingOffered_IsHundred()
    {
        var meter = new TrafficMeter { RequestsPerSecond = 0 }.With(2, 0, At(0)).AdvanceTo(At(60));

        Assert.Equal(100, meter.AvailabilityPercent);
    }
}
