using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;
using static VmssGrains.Domain.Tests.TestData;

namespace VmssGrains.Domain.Tests;

/// <summary>The <c>unhealthyRate</c> fault: random failures per instance-hour, from the instance's own stream.</summary>
public sealed class RandomFaultTests
{
    private static InstanceState Deployed(string id) => InstanceMachine.Deployed(ScaleSet, id, null, 0, 1, OldImage, [], ["lb"], ProfileKey, T0);

    /// <summary>The scale set's profile with an <c>unhealthyRate</c> fault of <paramref name="rate"/> per instance-hour.</summary>
    private static InstanceProfile Rate(double rate, long seed = 4) =>
        new() { Key = ProfileKey, Seed = seed, Faults = new Faults.FaultRules { UnhealthyPerInstanceHour = rate } };

    [Fact]
    public void Arm_WithoutRate_SchedulesNothing()
    {
        var transition = InstanceMachine.ArmRandomFault(Deployed("0"), Rate(0), T0);

        Assert.Empty(transition.Commands);
        Assert.False(transition.State.RandomFaultArmed);
    }

    [Fact]
    public void Arm_WithRate_SchedulesOneWakeWithANegativeTokenFromTheInstanceStream()
    {
        var first = InstanceMachine.ArmRandomFault(Deployed("0"), Rate(2), T0);
        var again = InstanceMachine.ArmRandomFault(Deployed("0"), Rate(2), T0);
        var other = InstanceMachine.ArmRandomFault(Deployed("1"), Rate(2), T0);

        var wake = Assert.IsType<WakeInstanceAfter>(Assert.Single(first.Commands));
        Assert.Equal(-1, wake.Token);
        Assert.True(wake.Delay >= TimeSpan.FromSeconds(1));
        Assert.Equal(wake, Assert.Single(again.Commands));
        Assert.NotEqual(wake.Delay, Assert.IsType<WakeInstanceAfter>(Assert.Single(other.Commands)).Delay);
        Assert.Empty(InstanceMachine.ArmRandomFault(first.State, Rate(2), T0).Commands);
    }

    [Fact]
    public void RandomFaultWake_MakesTheInstanceUnhealthyAndReportsIt_UntilAReimage()
    {
        var armed = InstanceMachine.ArmRandomFault(Deployed("0"), Rate(2), T0);
        var wake = Assert.IsType<WakeInstanceAfter>(Assert.Single(armed.Commands));

        var failed = InstanceMachine.Wake(armed.State, wake.Token, Rate(2), T0 + wake.Delay);

        Assert.True(failed.State.ForcedUnhealthy);
        Assert.Equal(HealthState.Unhealthy, failed.State.Health);
        Assert.Equal(T0 + wake.Delay, failed.State.UnhealthySince);
        Assert.Contains(failed.Commands, c => c is UpdateBackends { InPool: true, Healthy: false });
        Assert.Contains(failed.Commands, c => c is ReportHealth);
        Assert.Empty(InstanceMachine.ArmRandomFault(failed.State, Rate(2), T0).Commands);
        Assert.Empty(InstanceMachine.Wake(failed.State, wake.Token, Rate(2), T0 + wake.Delay).Commands);
    }

    [Fact]
    public void Arm_BeforeTheInstanceIsProvisioned_SchedulesNothing()
    {
        var creating = InstanceMachine.New(ScaleSet, "5", null, 0, OldImage, ["lb"], ProfileKey, T0);

        var transition = InstanceMachine.ArmRandomFault(creating, Rate(2), T0);

        Assert.Empty(transition.Commands);
        Assert.Equal((false, 0), (transition.State.RandomFaultArmed, transition.State.RandomFaults));
    }

    [Fact]
    public void Arm_WithTheProfileOfAnotherKey_IsRefused()
    {
        var other = Rate(2) with { Key = ProfileKey with { Version = 2 } };

        var error = Assert.Throws<ArgumentException>(() => InstanceMachine.ArmRandomFault(Deployed("0"), other, T0));

        Assert.StartsWith("instance '0' refers to profile vmss1/1/1, not vmss1/1/2", error.Message, StringComparison.Ordinal);
    }
}
