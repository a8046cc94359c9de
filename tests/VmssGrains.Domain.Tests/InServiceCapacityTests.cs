using CsCheck;
using VmssGrains.Domain.Load;

namespace VmssGrains.Domain.Tests;

public class InServiceCapacityTests
{
    [Theory]
    [InlineData(10, 0, 10)] // nothing being created: sku.capacity
    [InlineData(12, 2, 10)] // a scale-out from 10 to 12 while its two instances are created
    [InlineData(12, 0, 12)] // ... once their provisioning ended, succeeded or failed
    [InlineData(8, 0, 8)] // a scale-in: at once
    [InlineData(0, 0, 0)] // deleted or scaled to 0
    [InlineData(2, 5, 0)] // never negative
    public void Target_SkuCapacityLessInstancesBeingCreated(int skuCapacity, int beingCreated, int expected) =>
        Assert.Equal(expected, InServiceCapacity.Target(skuCapacity, beingCreated));

    [Theory]
    [InlineData(4, 6, 66.666666666666671)]
    [InlineData(12, 10, 100)]
    [InlineData(0, 10, 0)]
    [InlineData(3, 0, 100)]
    [InlineData(0, 0, 100)]
    public void Percent_InServiceOverTarget_CappedAtHundred_HundredWithoutTarget(int inService, int target, double expected) =>
        Assert.Equal(expected, InServiceCapacity.Percent(inService, target));

    [Fact]
    public void Meter_RandomChanges_PercentWithinBoundsAndServedNeverAboveOffered()
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
                Assert.InRange(meter.MinInServicePercent, 0, 100);
                Assert.True(meter.Served <= meter.Offered + 1e-6, $"served {meter.Served} > offered {meter.Offered}");
            }
        });
    }
}
