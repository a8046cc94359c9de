using VmssGrains.Domain.Fleet;
using VmssGrains.Domain.Model;
using static VmssGrains.Domain.Tests.TestData;

namespace VmssGrains.Domain.Tests;

/// <summary>Automatic repairs: who is due, when, and how many at once.</summary>
public sealed class RepairPlannerTests
{
    private static readonly AutomaticRepairsPolicy Policy = new() { Enabled = true, GracePeriod = TimeSpan.FromMinutes(10) };

    private static readonly Dictionary<string, int> NoAttempts = [];

    [Theory]
    [InlineData(1, 1)]
    [InlineData(19, 1)]
    [InlineData(20, 1)]
    [InlineData(40, 2)]
    [InlineData(1000, 50)]
    public void Concurrency_IsOneBelowTwentyInstancesElseFivePercent(int instances, int expected) =>
        Assert.Equal(expected, RepairPlanner.Concurrency(instances));

    [Fact]
    public void Due_OnlyAfterTheGracePeriod_OldestFirst_WithinTheConcurrency()
    {
        var fleet = Regional(40);
        fleet[3] = Unhealthy(fleet[3], T0.AddMinutes(2));
        fleet[7] = Unhealthy(fleet[7], T0);
        fleet[9] = Unhealthy(fleet[9], T0.AddMinutes(1));

        Assert.Empty(RepairPlanner.Due(fleet, Policy, [], NoAttempts, T0.AddMinutes(9)));
        Assert.Equal(["7", "9"], RepairPlanner.Due(fleet, Policy, [], NoAttempts, T0.AddMinutes(12)).ToArray());
        Assert.Equal(["7"], RepairPlanner.Due(fleet, Policy, ["20"], NoAttempts, T0.AddMinutes(12)).ToArray());
        Assert.Equal(T0.AddMinutes(10), RepairPlanner.NextDue(fleet, Policy, [], NoAttempts, T0));
    }

    [Fact]
    public void Due_SkipsProtectedBusyAndExhaustedInstances_AndWaitsAfterTheLastOperation()
    {
        var fleet = Regional(4);
        fleet[0] = Unhealthy(fleet[0], T0) with { ProtectFromScaleIn = true, ProtectFromScaleSetActions = true };
        fleet[1] = Unhealthy(fleet[1], T0) with { Busy = true };
        fleet[2] = Unhealthy(fleet[2], T0);
        fleet[3] = Unhealthy(fleet[3], T0) with { LastOperationEnd = T0.AddMinutes(30) };
        var exhausted = new Dictionary<string, int> { ["2"] = RepairPlanner.MaxAttempts };

        Assert.Empty(RepairPlanner.Due(fleet, Policy, [], exhausted, T0.AddMinutes(20)));
        Assert.Equal(T0.AddMinutes(40), RepairPlanner.NextDue(fleet, Policy, [], exhausted, T0.AddMinutes(20)));
        Assert.Equal(["3"], RepairPlanner.Due(fleet, Policy, [], exhausted, T0.AddMinutes(40)).ToArray());
        Assert.Empty(RepairPlanner.Due(fleet, Policy with { Enabled = false }, [], NoAttempts, T0.AddHours(1)));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public void Due_EitherProtectionPolicy_IsNeverRepaired(bool fromScaleIn, bool fromScaleSetActions)
    {
        var fleet = Regional(4);
        fleet[1] = Unhealthy(fleet[1], T0) with { ProtectFromScaleIn = fromScaleIn, ProtectFromScaleSetActions = fromScaleSetActions };

        Assert.Empty(RepairPlanner.Due(fleet, Policy, [], NoAttempts, T0.AddHours(1)));
        Assert.Null(RepairPlanner.NextDue(fleet, Policy, [], NoAttempts, T0));
    }

    [Fact]
    public void Due_ProvisioningFailed_IsLeftAlone_AHealthFailureIsRepaired()
    {
        var fleet = Regional(4);
        fleet[1] = Unhealthy(fleet[1], T0) with { ProvisioningState = "Failed" };
        fleet[2] = Unhealthy(fleet[2], T0.AddMinutes(1));

        Assert.Equal(["2"], RepairPlanner.Due(fleet, Policy, [], NoAttempts, T0.AddHours(1)).ToArray());
        Assert.Equal(T0.AddMinutes(11), RepairPlanner.NextDue(fleet, Policy, [], NoAttempts, T0));
    }

    private static InstanceSummary Unhealthy(InstanceSummary instance, DateTimeOffset since) =>
        instance with { Health = HealthState.Unhealthy, UnhealthySince = since };
}
