using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;
using static VmssGrains.Domain.Tests.TestData;

namespace VmssGrains.Domain.Tests;

/// <summary>The <c>unhealthyRate</c> fault: random failures per instance-hour, from the instance's own stream.</summary>
public sealed class RandomFaultTests
{
    private static InstanceState Deployed(string id, double rate, long seed = 4) =>
        InstanceMachine.Deployed(ScaleSet, id, null, 0, 1, OldImage, [], ["lb"], T0) with { UnhealthyRate = rate, Seed = seed };

    [Fact]
    public void Arm_WithoutRate_SchedulesNothing()
    {
        var transition = InstanceMachine.ArmRandomFault(Deployed("0", 0), T0);

        Assert.Empty(transition.Commands);
        Assert.False(transition.State.RandomFaultArmed);
    }

    [Fact]
    public void Arm_WithRate_SchedulesOneWakeWithANegativeTokenFromTheInstanceStream()
    {
        var first = InstanceMachine.ArmRandomFault(Deployed("0", 2), T0);
        var again = InstanceMachine.ArmRandomFault(Deployed("0", 2), T0);
        var other = InstanceMachine.ArmRandomFault(Deployed("1", 2), T0);

        var wake = Assert.IsType<WakeInstanceAfter>(Assert.Single(first.Commands));
        Assert.Equal(-1, wake.Token);
        Assert.True(wake.Delay >= TimeSpan.FromSeconds(1));
        Assert.Equal(wake, Assert.Single(again.Commands));
        Assert.NotEqual(wake.Delay, Assert.IsType<WakeInstanceAfter>(Assert.Single(other.Commands)).Delay);
        Assert.Empty(InstanceMachine.ArmRandomFault(first.State, T0).Commands);
    }

    [Fact]
    public void RandomFaultWake_MakesTheInstanceUnhealthyAndReportsIt_UntilAReimage()
    {
        var armed = InstanceMachine.ArmRandomFault(Deployed("0", 2), T0);
        var wake = Assert.IsType<WakeInstanceAfter>(Assert.Single(armed.Commands));

        var failed = InstanceMachine.Wake(armed.State, wake.Token, T0 + wake.Delay);

        Assert.True(failed.State.ForcedUnhealthy);
        Assert.Equal(HealthState.Unhealthy, failed.State.Health);
        Assert.Equal(T0 + wake.Delay, failed.State.UnhealthySince);
        Assert.Contains(failed.Commands, c => c is UpdateBackends { InPool: true, Healthy: false });
        Assert.Contains(failed.Commands, c => c is ReportHealth);
        Assert.Empty(InstanceMachine.ArmRandomFault(failed.State, T0).Commands);
        Assert.Empty(InstanceMachine.Wake(failed.State, wake.Token, T0 + wake.Delay).Commands);
    }
}
