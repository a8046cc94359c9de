using CsCheck;
using VmssGrains.Domain.Load;

namespace VmssGrains.Domain.Tests;

public class InServiceCapacityTests
{
    [Theory]
    [InlineData(10, 10, 8, 10)] // a dip: the target stays
    [InlineData(10, 12, 8, 10)] // a scale-out: not counted before its instances are in service
    [InlineData(10, 12, 11, 11)] // ... counted as far as they are
    [InlineData(10, 12, 14, 12)] // ... and never beyond sku.capacity (surge on top)
    [InlineData(10, 8, 10, 8)] // a scale-in counts at once
    [InlineData(10, 0, 10, 0)] // deleted
    [InlineData(0, 6, 6, 6)] // created with every instance in service
    [InlineData(0, 6, 0, 0)] // created, instances not yet in service
    public void CountedTarget_Changes_FollowTheTargetUpOnlyAsFarAsInService(int counted, int target, int inService, int expected) =>
        Assert.Equal(expected, InServiceCapacity.CountedTarget(counted, target, inService));

    [Theory]
    [InlineData(4, 6, 66.666666666666671)]
    [InlineData(12, 10, 100)]
    [InlineData(0, 10, 0)]
    [InlineData(3, 0, 100)]
    [InlineData(0, 0, 100)]
    public void Percent_InServiceOverCountedTarget_CappedAtHundred_HundredWithoutTarget(int inService, int countedTarget, double expected) =>
        Assert.Equal(expected, InServiceCapacity.Percent(inService, countedTarget));

    [Fact]
    public void Meter_RandomChanges_PercentWithinBoundsAndCountedTargetNeverAboveTheTarget()
    {
        Gen.Select(Gen.Int[0, 3], Gen.Int[0, 20], Gen.Int[0, 20], Gen.Int[0, 100]).Array[1, 30].Sample(changes =>
        {
            var meter = new TrafficMeter { RequestsPerSecond = 500, CapacityPerInstance = 100 };
            var at = DateTimeOffset.UnixEpoch;
            foreach (var (kind, a, b, seconds) in changes)
            {
                at = at.AddSeconds(seconds);
                meter = kind == 0 ? meter.WithTarget(a, at) : meter.With(Math.Max(a, b), b, at);
                Assert.InRange(meter.InServicePercent, 0, 100);
                Assert.InRange(meter.CountedTarget, 0, meter.TargetCapacity);
                Assert.InRange(meter.MinInServicePercent, 0, 100);
                Assert.True(meter.Served <= meter.Offered + 1e-6, $"served {meter.Served} > offered {meter.Offered}");
            }
        });
    }
}
