using VmssGrains.Domain.Instances;
using static VmssGrains.Domain.Tests.TestData;

namespace VmssGrains.Domain.Tests;

/// <summary>Where an order stands on an instance, when a durable scale set checks on it.</summary>
public sealed class CheckOrderTests
{
    private static readonly InstanceState Idle = InstanceMachine.Deployed(ScaleSet, "0", null, 0, 1, OldImage, [], ["lb1"], ProfileKey, T0) with { LastOrderSerial = 4 };

    private static readonly UpgradeOrder Order = new() { RunId = "run-1", TargetImage = OldImage, TargetModelVersion = 1, Profile = ProfileKey, Serial = 4 };

    [Fact]
    public void CheckOrder_FollowsTheStateAndTheSerial()
    {
        var running = Idle with { Active = new ActiveOperation { Order = Order } };

        Assert.Equal(OrderCheck.Lost, InstanceMachine.CheckOrder(null, 4));
        Assert.Equal(OrderCheck.Missing, InstanceMachine.CheckOrder(Idle, 5));
        Assert.Equal(OrderCheck.Running, InstanceMachine.CheckOrder(running, 4));
        Assert.Equal(OrderCheck.Reported, InstanceMachine.CheckOrder(running with { Active = running.Active! with { Reported = true } }, 4));
        Assert.Equal(OrderCheck.Reported, InstanceMachine.CheckOrder(Idle, 4));
        Assert.Equal(OrderCheck.Reported, InstanceMachine.CheckOrder(running, 3));
    }
}
