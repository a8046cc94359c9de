using VmssGrains.Domain.Load;
using static VmssGrains.Domain.Tests.TestData;

namespace VmssGrains.Domain.Tests;

/// <summary>The load model (docs/behaviour.md#load): curves, queueing, warm-up, the per-minute records and the traffic gate; values computed by hand.</summary>
public class LoadModelTests
{
    private static DateTimeOffset At(double seconds) => T0.AddSeconds(seconds);

    /// <summary>A load balancer at 100 requests/s, 100 per backend, target 2, one backend in service from 0 (capacity = offered).</summary>
    private static TrafficMeter Meter(int maxQueueSeconds) =>
        new TrafficMeter { RequestsPerSecond = 100, CapacityPerInstance = 100, MaxQueueSeconds = maxQueueSeconds, Origin = T0 }
            .WithTarget(2, At(0)).With(2, 1, At(0));

    [Fact]
    public void Piecewise_RateAndIntegral_AreLinearBetweenPointsAndHoldTheLastValue()
    {
        var curve = new OfferedLoadCurve { Points = [new(0, 0), new(120, 240), new(180, 60)] };

        Assert.Equal((120.0, 240.0, 150.0, 60.0), (curve.Rate(60), curve.Rate(120), curve.Rate(150), curve.Rate(1000)));

        // 0→240 over 120 s: 14,400; 240→60 over 60 s: 9,000; then 60/s held for 20 s: 1,200.
        Assert.Equal(14_400 + 9_000 + 1_200, curve.Integral(0, 200));
        Assert.Equal(3_600, curve.Integral(0, 60));
        Assert.Equal(240, curve.Max(100, 200));
        Assert.Equal(60, curve.Max(180, 500));
    }

    [Fact]
    public void Diurnal_OverADay_OffersTheMeanAndPeaksAtItsPeak()
    {
        var curve = new OfferedLoadCurve { MeanRequestsPerSecond = 1000, Amplitude = 0.2, PeakSeconds = 3600 };

        Assert.Equal(86_400_000, curve.Integral(5000, 5000 + OfferedLoadCurve.Day), 6);
        Assert.Equal((1200.0, 800.0), (curve.Rate(3600), Math.Round(curve.Rate(3600 + 43_200), 9)));
        Assert.Equal(1200, curve.Max(0, 7200));
        Assert.Equal(curve.Rate(7200), curve.Max(7200, 10_000));

        // The high half of the day (6 h either side of the peak): mean × 43,200 plus 2 × 0.2 × 1000 / ω.
        Assert.Equal(43_200_000 + (0.4 * 1000 * OfferedLoadCurve.Day / (2 * Math.PI)), curve.Integral(3600 - 21_600, 3600 + 21_600), 6);
    }

    [Fact]
    public void Queue_TwoSecondsWithoutCapacityWithinTheBound_ServesEveryRequestLate()
    {
        // Seconds 10 and 11 have no capacity: 100 + 100 wait. Second 12 (200/s) serves them (waits 2 s and 1 s) and
        // queues its own 100, which second 13 serves after 1 s. Waits: 200 + 100 + 100 = 400 s over 2,000 served.
        var meter = Meter(5).With(2, 0, At(10)).With(2, 2, At(12)).Closed(At(20));

        Assert.Equal((2_000.0, 2_000.0, 0.0, 0.0), (meter.Offered, meter.Served, meter.Dropped, meter.Queued));
        Assert.Equal(400, meter.LatencySum);
        Assert.Equal(0.2, meter.MeanLatencySeconds);
        Assert.Equal([new LoadMinute(0, 0, 0, 400)], meter.Minutes);
    }

    [Fact]
    public void Queue_LongerThanItsBound_DropsWhatWaitedTooLong()
    {
        // maxQueueSeconds 1: the 100 requests of second 10 are dropped after second 11, which had no capacity either.
        var meter = Meter(1).With(2, 0, At(10)).With(2, 2, At(12)).Closed(At(20));

        Assert.Equal((2_000.0, 1_900.0, 100.0), (meter.Offered, meter.Served, meter.Dropped));
        Assert.Equal(100, meter.LatencySum);
        Assert.Equal([new LoadMinute(0, 100, 100, 100)], meter.Minutes);
    }

    [Fact]
    public void NoQueue_SteppedModel_DropsWhatCapacityLacksEachSecond()
    {
        var meter = new TrafficMeter { RequestsPerSecond = 100, CapacityPerInstance = 100, Curve = new OfferedLoadCurve { Points = [new(0, 100)] }, Origin = T0 }
            .WithTarget(2, At(0)).With(2, 1, At(0)).With(2, 0, At(10.5)).With(2, 1, At(12)).Closed(At(20));

        // 1.5 s without capacity: 150 dropped, 50 of them in second 10 (half its capacity was there).
        Assert.Equal((2_000.0, 1_850.0, 150.0, 0.0), (meter.Offered, meter.Served, meter.Dropped, meter.LatencySum));
    }

    [Fact]
    public void WarmUp_RejoiningBackend_RisesLinearlyFromItsStartPercent()
    {
        // 2 backends at 50/s each and 100/s offered. b leaves at 10 s and rejoins at 20 s, warming from 50 % over 60 s:
        // out: 50/s short for 10 s (500); warming: short by 25 × (1 − τ/60) per second for 60 s (750).
        var pool = new BackendPool();
        pool.Configure(100, 50, T0);
        pool.Configure(null, new WarmUp(60, 50), 0, T0, T0);
        pool.SetTarget("web", 2, T0);
        pool.Update("a", true, true, true, T0);
        pool.Update("b", true, true, true, T0);
        pool.Update("b", true, false, true, At(10));
        pool.Update("b", true, true, true, At(20));

        var meter = pool.Meter.Closed(At(100));

        Assert.Equal((10_000.0, 8_750.0, 1_250.0), (meter.Offered, meter.Served, Math.Round(meter.Dropped, 9)));
        Assert.Empty(meter.Warming);
    }

    [Fact]
    public void WarmUp_NewBackend_StartsAtFullCapacity()
    {
        // Warm-up is for a backend that rejoins: the first time in service counts as warm.
        var pool = new BackendPool();
        pool.Configure(100, 50, T0);
        pool.Configure(null, new WarmUp(60, 0), 0, T0, T0);
        pool.SetTarget("web", 2, T0);
        pool.Update("a", true, true, true, T0);
        pool.Update("b", true, true, true, At(5));

        var meter = pool.Meter.Closed(At(10));

        Assert.Equal((1_000.0, 750.0), (meter.Offered, meter.Served));
    }

    [Fact]
    public void ContinuousModel_Drops_AreRecordedPerMinuteOfTheOrigin()
    {
        // 1,500/s offered, 1,000 per backend; one of 2 out from 50 s to 130 s: 500/s short, 10 s in minute 0, 60 in minute 1, 10 in minute 2.
        var meter = new TrafficMeter { RequestsPerSecond = 1500, CapacityPerInstance = 1000, Origin = T0 }
            .WithTarget(2, At(0)).With(2, 2, At(0)).With(2, 1, At(50)).With(2, 2, At(130)).Closed(At(200));

        Assert.Equal([new LoadMinute(0, 5_000, 5_000, 0), new LoadMinute(1, 30_000, 30_000, 0), new LoadMinute(2, 5_000, 5_000, 0)], meter.Minutes);
        Assert.Equal(40_000, meter.Dropped);
        Assert.Equal(300_000, meter.OfferedBetween(At(0), At(200)));
        Assert.Equal(90_000, meter.OfferedBetween(At(60), At(120)));
    }

    [Fact]
    public void TrafficGate_Breach_NamesTheFigureAndTheThreshold()
    {
        var gate = new TrafficGate("web", "lb", TimeSpan.FromMinutes(5), 99, 1000);

        Assert.Null(gate.Breach(30_000, 29_800, 200));
        Assert.Equal(
            "availability of load balancer 'lb' over the last PT5M was 98.5 %, below the gate's minimum of 99 %; the rolling upgrade was cancelled",
            gate.Breach(30_000, 29_550, 450));
        Assert.Equal(
            "load balancer 'lb' dropped 1001 requests over the last PT5M, more than the gate's maximum of 1000; the rolling upgrade was cancelled",
            new TrafficGate("web", "lb", TimeSpan.FromMinutes(5), null, 1000).Breach(300_000, 298_999, 1001));
        Assert.Null(new TrafficGate("web", "lb", TimeSpan.FromMinutes(1), 99, null).Breach(0, 0, 0));
    }
}
