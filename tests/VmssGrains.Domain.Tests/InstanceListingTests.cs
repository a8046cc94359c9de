using VmssGrains.Domain.Fleet;
using VmssGrains.Domain.Model;
using static VmssGrains.Domain.Tests.TestData;

namespace VmssGrains.Domain.Tests;

/// <summary>The report's failed-instance rule, its <c>instancesSummary</c>, and the listing's names and default.</summary>
public class InstanceListingTests
{
    [Theory]
    [InlineData(HealthState.Healthy, "Succeeded", false, false, false)]
    [InlineData(HealthState.Unhealthy, "Succeeded", false, false, true)]
    [InlineData(HealthState.Unknown, "Succeeded", false, false, true)]
    [InlineData(HealthState.Initializing, "Succeeded", false, false, true)]
    [InlineData(HealthState.Healthy, "Failed", false, false, true)]
    [InlineData(HealthState.Unhealthy, "Failed", false, false, true)]
    [InlineData(HealthState.Unhealthy, "Updating", true, false, false)]
    [InlineData(HealthState.Unhealthy, "Creating", true, false, false)]
    [InlineData(HealthState.Unhealthy, "Deleting", true, false, false)]
    [InlineData(HealthState.Initializing, "Succeeded", false, true, false)]
    [InlineData(HealthState.Unhealthy, "Succeeded", false, true, false)]
    public void IsFailed_HealthProvisioningAndOperation_AsDocumented(HealthState health, string provisioningState, bool busy, bool settling, bool failed)
    {
        var instance = Instance("0", health: health) with { ProvisioningState = provisioningState, Busy = busy, Settling = settling };

        Assert.Equal(failed, FailedInstances.IsFailed(instance));
    }

    [Fact]
    public void Summary_MixedFleet_CountsStatusesAndListsFailedIdsInIdOrder()
    {
        List<InstanceSummary> fleet = [.. Regional(6)];
        fleet[0] = fleet[0] with { ModelVersion = 2 };
        fleet[1] = fleet[1] with { ModelVersion = 2, Health = HealthState.Unhealthy, ProvisioningState = "Failed" };
        fleet[3] = fleet[3] with { Health = HealthState.Unhealthy };
        fleet[4] = fleet[4] with { ModelVersion = 2, Health = HealthState.Unhealthy, ProvisioningState = "Updating", Busy = true };
        fleet[5] = fleet[5] with { Health = HealthState.Unknown };

        var summary = InstancesSummary.Of(fleet, modelVersion: 2);

        Assert.Equal(6, summary.InstanceCount);
        Assert.Equal(3, summary.LatestModelAppliedCount);
        Assert.Equal(
            [
                new StatusCount("ProvisioningState/failed", 1),
                new StatusCount("ProvisioningState/succeeded", 4),
                new StatusCount("ProvisioningState/updating", 1),
                new StatusCount("HealthState/healthy", 2),
                new StatusCount("HealthState/unhealthy", 3),
                new StatusCount("HealthState/unknown", 1),
            ],
            summary.Statuses.ToArray());
        Assert.Equal(["1", "3", "5"], summary.FailedInstanceIds.ToArray());
    }

    [Fact]
    public void Summary_NoInstances_IsAllZeroes()
    {
        var summary = InstancesSummary.Of([], modelVersion: 1);

        Assert.Equal((0, 0), (summary.InstanceCount, summary.LatestModelAppliedCount));
        Assert.Empty(summary.Statuses);
        Assert.Empty(summary.FailedInstanceIds);
    }

    [Theory]
    [InlineData(0L, InstanceListing.All)]
    [InlineData(6L, InstanceListing.All)]
    [InlineData(10_000L, InstanceListing.All)]
    [InlineData(10_001L, InstanceListing.Failed)]
    [InlineData(1_000_000L, InstanceListing.Failed)]
    public void Default_AllUpToTenThousandInstances_ElseFailed(long instances, InstanceListing expected) =>
        Assert.Equal(expected, InstanceListings.Default(instances));

    [Theory]
    [InlineData("all", InstanceListing.All)]
    [InlineData("failed", InstanceListing.Failed)]
    [InlineData("none", InstanceListing.None)]
    public void TryParse_EachName_RoundTrips(string name, InstanceListing expected)
    {
        Assert.True(InstanceListings.TryParse(name, out var listing));
        Assert.Equal(expected, listing);
        Assert.Equal(name, InstanceListings.Name(listing));
    }

    [Theory]
    [InlineData("some")]
    [InlineData("All")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_AnythingElse_IsRefused(string? name) => Assert.False(InstanceListings.TryParse(name, out _));

    [Fact]
    public void Lists_EachListing_PicksItsInstances()
    {
        List<InstanceSummary> fleet = [.. Regional(3)];
        fleet[2] = fleet[2] with { ProvisioningState = "Failed", Health = HealthState.Unhealthy };

        Assert.Equal(["0", "1", "2"], fleet.Where(i => InstanceListings.Lists(InstanceListing.All, i)).Select(i => i.InstanceId));
        Assert.Equal(["2"], fleet.Where(i => InstanceListings.Lists(InstanceListing.Failed, i)).Select(i => i.InstanceId));
        Assert.DoesNotContain(fleet, i => InstanceListings.Lists(InstanceListing.None, i));
    }
}
