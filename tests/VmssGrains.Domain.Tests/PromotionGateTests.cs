using VmssGrains.Domain.Fleet;
using VmssGrains.Domain.Model;
using static VmssGrains.Domain.Tests.TestData;

namespace VmssGrains.Domain.Tests;

/// <summary>The promotion gate's rule: a succeeded operation and at most the allowed share of failed instances, the limit inclusive.</summary>
public class PromotionGateTests
{
    [Theory]
    [InlineData(0, 0, true)]
    [InlineData(1, 5, true)]
    [InlineData(1, 4.999, false)]
    [InlineData(2, 5, false)]
    [InlineData(20, 100, true)]
    public void Decide_Succeeded_PassesAtMostTheLimit(int unhealthy, double limit, bool passed)
    {
        var verdict = PromotionGate.Decide("staging", "update at PT1M", "Succeeded", null, "PT30M", Regional(20, [.. Enumerable.Range(0, unhealthy)]), limit);

        Assert.Equal(passed, verdict.Passed);
        Assert.Equal((unhealthy, 20), (verdict.FailedInstances, verdict.InstanceCount));
        Assert.Equal(passed ? null : PromotionGate.FailedInstancePercentExceeded, verdict.Code);
    }

    [Fact]
    public void Decide_TooManyFailed_NamesTheGateTheOutcomeAndTheShare()
    {
        List<InstanceSummary> fleet = [.. Regional(3, 1)];
        fleet[2] = fleet[2] with { ProvisioningState = "Failed" };

        var verdict = PromotionGate.Decide("staging", "update at PT1M", "Succeeded", null, "PT30M", fleet, 5);

        Assert.Equal(
            new GateVerdict(false, "GateFailedInstancePercentExceeded", "gate after 'staging': the update at PT1M Succeeded at PT30M with 2 of 3 instances failed (66.667 %), above maxFailedInstancePercent 5; not played", 2, 3),
            verdict);
        Assert.Equal(200.0 / 3, verdict.FailedPercent, 9);
    }

    [Theory]
    [InlineData("Failed", "MaxUnhealthyUpgradedInstancePercentExceededInRollingUpgrade", "ended Failed (MaxUnhealthyUpgradedInstancePercentExceededInRollingUpgrade) at PT12M")]
    [InlineData("Canceled", null, "ended Canceled at PT12M")]
    [InlineData("Skipped", "GateOperationNotSucceeded", "ended Skipped (GateOperationNotSucceeded) at PT12M")]
    public void Decide_NotSucceeded_NeverPassesWhateverTheShare(string status, string? code, string outcome)
    {
        var verdict = PromotionGate.Decide("canary", "update at PT1M", status, code, "PT12M", Regional(4), 100);

        Assert.False(verdict.Passed);
        Assert.Equal("GateOperationNotSucceeded", verdict.Code);
        Assert.Equal($"gate after 'canary': the update at PT1M {outcome} with 0 of 4 instances failed (0 %); not played", verdict.Message);
    }

    [Fact]
    public void Decide_InstancesStillSettling_AreNotFailedYet()
    {
        List<InstanceSummary> fleet = [.. Regional(2, 0, 1)];
        fleet[0] = fleet[0] with { Settling = true };
        fleet[1] = fleet[1] with { Busy = true, ProvisioningState = "Updating" };

        Assert.True(PromotionGate.Decide("staging", "update at PT1M", "Succeeded", null, "PT5M", fleet, 0).Passed);
    }

    [Fact]
    public void NotEnded_InProgressOrNotPlayed_SaysWhichAndWhen()
    {
        Assert.Equal(
            "gate after 'staging': the update at PT1M was still InProgress when the scenario ended at PT5M; not played",
            PromotionGate.NotEnded("staging", "update at PT1M", "InProgress", "PT5M").Message);
        Assert.Equal(
            "gate after 'staging': the update at PT9H was not played before the scenario ended at PT5M; not played",
            PromotionGate.NotEnded("staging", "update at PT9H", null, "PT5M").Message);
        Assert.Equal("GateOperationNotEnded", PromotionGate.NotEnded("staging", "update at PT9H", null, "PT5M").Code);
    }
}
