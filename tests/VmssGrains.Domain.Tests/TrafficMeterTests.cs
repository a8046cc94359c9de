using VmssGrains.Domain.Load;
using static VmssGrains.Domain.Tests.TestData;

namespace VmssGrains.Domain.Tests;

public class TrafficMeterTests
{
    private static readonly TrafficMeter Empty = new() { RequestsPerSecond = 1500, CapacityPerInstance = 1000 };

    private static DateTimeOffset At(int seconds) => T0.AddSeconds(seconds);

    /// <summary>A scale set of <paramref name="capacity"/> behind the load balancer with every instance in service from time 0.</summary>
    private static TrafficMeter Fleet(int capacity, TrafficMeter? meter = null) =>
        (meter ?? Empty).WithTarget(capacity, At(0)).With(capacity, capacity, At(0));

    /// <summary>2 backends: both in service for 10 s, one for 20 s, both again for 10 s.</summary>
    private static TrafficMeter RollingDip() =>
        Fleet(2).With(2, 1, At(10)).With(2, 2, At(30)).Closed(At(40));

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
        Assert.Equal((50.0, 1), (RollingDip().MinInServicePercent, RollingDip().MinInService));
    }

    [Fact]
    public void MinInService_SixInstancesDrainingTwoAtATime_IsFourOfSix()
    {
        // The seed's demo: 6 registered backends throughout, 2 of them out of service per batch.
        var meter = Fleet(6).With(6, 4, At(60)).With(6, 6, At(400)).With(6, 4, At(520)).With(6, 6, At(900)).Closed(At(1000));

        Assert.Equal((66.667, 4), (Math.Round(meter.MinInServicePercent, 3), meter.MinInService));
    }

    [Fact]
    public void MinInService_SurgeAddsBackendsAboveTheTarget_StaysAtTheTarget()
    {
        // maxSurge on 10: two new backends register (not in service), join, then two old ones drain and are deleted.
        var meter = Fleet(10)
            .With(12, 10, At(60))
            .With(12, 12, At(300))
            .With(12, 10, At(310))
            .With(10, 10, At(370))
            .Closed(At(400));

        Assert.Equal((100.0, 10, 10), (meter.MinInServicePercent, meter.MinInService, meter.InService));
    }

    [Fact]
    public void InServicePercent_MoreInServiceThanTheTarget_IsCappedAtHundred()
    {
        var meter = Fleet(10).With(12, 12, At(60));

        Assert.Equal((100.0, 12), (meter.InServicePercent, meter.InService));
    }

    [Fact]
    public void MinInService_TwoScaleSetsBehindOneLoadBalancer_AreRelativeToTheSumOfTheirCapacities()
    {
        // A set of 4 and a set of 6, both in service from 0; three of the second drain for 100 s: 7 of 10.
        var meter = Empty.WithTarget(4, At(0)).With(4, 4, At(0)).WithTarget(10, At(0)).With(10, 10, At(0))
            .With(10, 7, At(100))
            .With(10, 10, At(200))
            .Closed(At(300));

        Assert.Equal(10, meter.TargetCapacity);
        Assert.Equal((70.0, 7), (meter.MinInServicePercent, meter.MinInService));
    }

    [Fact]
    public void MinInServicePercent_ScaleOutDuringADip_DoesNotLowerTheFigure()
    {
        // 10 in service, a batch of 2 drains; sku.capacity goes to 12 mid-batch: the scale set asks 12 of the load
        // balancer only once the two new instances are provisioned (here at 400 s, when they join).
        var meter = Fleet(10)
            .With(10, 8, At(60))
            .With(12, 8, At(100))
            .With(12, 10, At(400))
            .WithTarget(12, At(400))
            .With(12, 12, At(500))
            .Closed(At(600));

        Assert.Equal((80.0, 8), (meter.MinInServicePercent, meter.MinInService));
        Assert.Equal((12, 100.0), (meter.TargetCapacity, meter.InServicePercent));
    }

    [Fact]
    public void MinInServicePercent_ScaleOutWhoseInstancesNeverComeUp_IsTheShortfall()
    {
        // 4 → 8: the four new instances' provisioning fails at 300 s; the scale set then asks 8 with 4 in service.
        var meter = Fleet(4).With(8, 4, At(60)).WithTarget(8, At(300)).Closed(At(600));

        Assert.Equal((50.0, 4), (meter.MinInServicePercent, meter.MinInService));
        Assert.Equal(50.0, meter.InServicePercent);
    }

    [Fact]
    public void MinInServicePercent_AfterAScaleOutIsInService_CountsAgainstTheNewTarget()
    {
        // Once 12 are in service the target is 12: a later dip to 10 is 83.333 %.
        var meter = Fleet(10).WithTarget(12, At(10)).With(12, 12, At(300)).With(12, 10, At(400)).Closed(At(500));

        Assert.Equal((83.333, 10), (Math.Round(meter.MinInServicePercent, 3), meter.MinInService));
    }

    [Fact]
    public void MinInServicePercent_ScaleIn_CountsTheLowerTargetAtOnce()
    {
        // sku.capacity 10 → 8: two instances drain and are deleted; 8 of 8 is full capacity.
        var meter = Fleet(10).WithTarget(8, At(60)).With(10, 8, At(60)).With(8, 8, At(130)).Closed(At(200));

        Assert.Equal((100.0, 8), (meter.MinInServicePercent, meter.MinInService));
        Assert.Equal(8, meter.TargetCapacity);
    }

    [Fact]
    public void MinInService_ScaleInThenADip_IsRelativeToTheLowerTarget()
    {
        var meter = Fleet(10).WithTarget(5, At(60)).With(5, 5, At(60)).With(5, 4, At(100)).With(5, 5, At(200)).Closed(At(300));

        Assert.Equal((80.0, 4), (meter.MinInServicePercent, meter.MinInService));
    }

    [Fact]
    public void InServicePercent_NoScaleSetBehind_IsHundredAndLeavesTheMinimaAlone()
    {
        // Backends without any target (a load balancer no scale set has announced itself to) ask for nothing.
        var meter = Empty.With(3, 1, At(0)).Closed(At(60));

        Assert.Equal((0, 100.0, 100.0), (meter.TargetCapacity, meter.InServicePercent, meter.MinInServicePercent));
        Assert.Null(meter.MinInService);
    }

    [Fact]
    public void MinInServicePercent_ScaleSetDeleted_TargetZeroLeavesTheMinimaAsTheyWere()
    {
        var meter = Fleet(4).With(4, 3, At(60)).With(4, 4, At(120)).WithTarget(0, At(200)).With(0, 0, At(200)).Closed(At(400));

        Assert.Equal((75.0, 3, 100.0), (meter.MinInServicePercent, meter.MinInService, meter.InServicePercent));
    }

    [Fact]
    public void MinInServicePercent_ZeroLengthState_IsIgnored()
    {
        var meter = Fleet(4).With(4, 0, At(10)).With(4, 4, At(10)).AdvanceTo(At(20));

        Assert.Equal((100.0, 4), (meter.MinInServicePercent, meter.MinInService));
        Assert.Equal(30_000, meter.Served);
    }

    [Fact]
    public void Closed_CurrentStateOfNoDuration_CountsForMinimum()
    {
        var meter = Fleet(4).With(4, 1, At(10)).Closed(At(10));

        Assert.Equal((25.0, 1), (meter.MinInServicePercent, meter.MinInService));
    }

    [Fact]
    public void AdvanceTo_AllBackendsOut_DropsEverything()
    {
        var meter = Fleet(3).With(3, 0, At(0)).AdvanceTo(At(60));

        Assert.Equal((90_000.0, 0.0, 0.0), (meter.Offered, meter.Served, meter.AvailabilityPercent));
    }

    [Fact]
    public void AdvanceTo_BeforeATarget_CountsNothingEvenWithBackends()
    {
        // Backends register before their scale set asks its target (it does once every instance is registered).
        var meter = (Empty with { RequestsPerSecond = 100 }).AdvanceTo(At(100)).With(2, 1, At(300)).AdvanceTo(At(310)).WithTarget(2, At(310)).With(2, 2, At(310)).AdvanceTo(At(320));

        Assert.Equal((At(320), 1000.0, 1000.0), (meter.Since, meter.Offered, meter.Served));
    }

    [Fact]
    public void AdvanceTo_TargetBeforeAnyBackend_StartsTheMeter()
    {
        // A scale set of 2 created at 0 whose instances take 100 s to come into service: everything offered meanwhile is dropped.
        var meter = (Empty with { RequestsPerSecond = 100 }).WithTarget(2, At(0)).With(2, 0, At(0)).With(2, 2, At(100)).AdvanceTo(At(110));

        Assert.Equal((11_000.0, 1000.0), (meter.Offered, meter.Served));
    }

    [Fact]
    public void Rates_RollingDip_AreTheCurrentRequestsPerSimulatedSecond()
    {
        var full = Fleet(2).AdvanceTo(At(5));
        var dip = full.With(2, 1, At(10));

        Assert.Equal((1500.0, 1500.0, 0.0), (full.OfferedRate, full.ServedRate, full.DroppedRate));
        Assert.Equal((1500.0, 1000.0, 500.0), (dip.OfferedRate, dip.ServedRate, dip.DroppedRate));
    }

    [Fact]
    public void Rates_BeforeTheMeterStarts_AreZeroLikeTheTotals()
    {
        Assert.Equal((0.0, 0.0, 0.0), (Empty.OfferedRate, Empty.ServedRate, Empty.DroppedRate));
    }

    [Fact]
    public void WithTarget_Negative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Empty.WithTarget(-1, At(0)));
    }

    [Fact]
    public void AvailabilityPercent_NothingOffered_IsHundred()
    {
        var meter = new TrafficMeter { RequestsPerSecond = 0 }.With(2, 0, At(0)).AdvanceTo(At(60));

        Assert.Equal(100, meter.AvailabilityPercent);
    }
}
