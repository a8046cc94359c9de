using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.Tests;

public class RollingUpgradePolicyTests
{
    [Theory]
    [InlineData(20, 10, 2)]
    [InlineData(20, 19, 3)]
    [InlineData(20, 3, 1)]
    [InlineData(5, 1, 1)]
    [InlineData(100, 7, 7)]
    [InlineData(33, 100, 33)]
    public void BatchSize_PercentOfInstances_IsFloorButAtLeastOne(int percent, int instances, int expected)
    {
        var policy = new RollingUpgradePolicy { MaxBatchInstancePercent = percent };

        Assert.Equal(expected, policy.BatchSize(instances));
    }

    [Theory]
    [InlineData(20, 10, 2)]
    [InlineData(20, 19, 3)]
    [InlineData(20, 4, 0)]
    [InlineData(100, 7, 7)]
    public void UnhealthyLimit_PercentOfInstances_IsFloor(int percent, int instances, int expected)
    {
        var policy = new RollingUpgradePolicy { MaxUnhealthyInstancePercent = percent };

        Assert.Equal(expected, policy.UnhealthyLimit(instances));
    }

    [Theory]
    [InlineData(20, 1, 5, false)]
    [InlineData(20, 2, 5, true)]
    [InlineData(0, 1, 10, true)]
    [InlineData(0, 0, 10, false)]
    [InlineData(20, 0, 0, false)]
    public void UpgradedUnhealthyExceeded_ExactlyAtLimitIsAllowed(int percent, int unhealthy, int upgraded, bool expected)
    {
        var policy = new RollingUpgradePolicy { MaxUnhealthyUpgradedInstancePercent = percent };

        Assert.Equal(expected, policy.UpgradedUnhealthyExceeded(unhealthy, upgraded));
    }

    [Fact]
    public void Default_IsAzureTwentyTwentyTwentyWithoutPause()
    {
        var policy = RollingUpgradePolicy.Default;

        Assert.Equal((20, 20, 20, "PT0S"), (policy.MaxBatchInstancePercent, policy.MaxUnhealthyInstancePercent, policy.MaxUnhealthyUpgradedInstancePercent, policy.PauseText));
    }
}
