using VmssGrains.Domain.Faults;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;
using VmssGrains.Domain.ScaleSets;
using static VmssGrains.Domain.Tests.ScaleSets.MachineFleets;

namespace VmssGrains.Domain.Tests.ScaleSets;

/// <summary>Scale-out and scale-in (docs/behaviour.md#manual-operations, #target-capacity).</summary>
public sealed class ScalingMachineTests
{
    [Fact]
    public void ScaleOut_PlacesOverTheZones_AndAsksTheLoadBalancersOnlyOnceProvisioned()
    {
        var d = FleetDriver.Create(ScaleSet(2, zones: ["1", "2", "3"]));
        var mark = d.Commands.Count;

        var scale = d.Send(new ScaleRequested(5));

        Assert.Equal(("Scale", "InProgress"), (scale.Operation!.Operation, scale.Operation.Status));
        Assert.Equal(
            [("2", "3"), ("3", "1"), ("4", "2")],
            d.Since<CreateInstance>(mark).Select(c => (c.Spec.InstanceId, c.Spec.Zone!)));
        Assert.All(d.Since<StartOrder>(mark), o => Assert.Equal((OrderPurpose.Scale, OperationKind.Provision, true), (o.Order.Tag.Purpose, o.Order.Kind, o.Order.WaitForHealth)));
        Assert.Equal((3, 5), (d.S.ScaleOutsCreating, d.S.NextInstanceId));
        Assert.Equal([new SetTargetCapacity(LoadBalancer, 2)], d.Since<SetTargetCapacity>(mark));
        Assert.All(new[] { "2", "3", "4" }, id => Assert.True(d.S.Instances[id].Busy));

        var end = d.Settle();

        Assert.Equal(T0 + Provision, end);
        Assert.Equal([2, 3, 4, 5], d.Since<SetTargetCapacity>(mark).Select(c => c.Capacity));
        Assert.Equal((0, "Succeeded", T0 + Provision), (d.S.ScaleOutsCreating, d.S.Operations[^1].Status, d.S.Operations[^1].EndTime));
        Assert.Equal(5, d.S.Counts.InService);
    }

    [Fact]
    public void ScaleIn_DuringAMaxSurgeBatch_SparesTheInstancesBeingReplaced_AndEndsAtTheCapacity()
    {
        // 6 instances, batches of 3 with maxSurge: 0–2 are being replaced by 6–8 when the scale-in to 2 comes.
        var d = FleetDriver.Create(ScaleSet(6, policy: Policy(batch: 50, unhealthy: 50, maxSurge: true)));
        d.Send(new PatchRequested(ImagePatch("1.1.0")));
        d.Settle(TimeSpan.FromMinutes(1));
        Assert.Equal(["0", "1", "2"], d.S.Surges.Values.Order(InstanceOrder.Instance));
        var mark = d.Commands.Count;

        d.Send(new ScaleRequested(2));

        // Only the idle 3–5 can go; 0–2 leave with the surge, and 6–8 are busy being created.
        Assert.Equal(["3", "4", "5"], d.Since<StartOrder>(mark).Where(o => o.Order.Tag.Purpose == OrderPurpose.Scale).Select(o => o.InstanceId).Order(InstanceOrder.Instance));

        d.Settle();

        // The run ends after its one batch (3–5 are gone), and then the scale set goes down to its capacity.
        var run = d.S.Runs[^1].Run;
        Assert.Equal((RunStatusCode.Completed, 3), (run.Code, run.Succeeded.Count));
        Assert.Equal(["6", "7"], d.S.Instances.Keys.Order(InstanceOrder.Instance));
        Assert.Equal(-1, d.S.ActiveRun);
    }

    [Fact]
    public void ScaleIn_TakesTheHighestIdOfTheFullestZone_SparingProtectedInstances()
    {
        var d = FleetDriver.Create(ScaleSet(6, zones: ["1", "2", "3"]));
        d.Send(new ProtectionRequested(["5"], true, false));
        var mark = d.Commands.Count;

        d.Send(new ScaleRequested(3));

        // Zones: 0,3 in 1; 1,4 in 2; 2,5 in 3. 5 is protected: 4, then 3, then 2.
        Assert.Equal(["4", "3", "2"], d.Since<StartOrder>(mark).Select(o => o.InstanceId));
        Assert.All(d.Since<StartOrder>(mark), o => Assert.Equal((OrderPurpose.Scale, OperationKind.Delete), (o.Order.Tag.Purpose, o.Order.Kind)));
        Assert.Equal("Deleting", d.S.Instances["4"].ProvisioningState);
        Assert.Equal([new SetTargetCapacity(LoadBalancer, 3)], d.Since<SetTargetCapacity>(mark));

        d.Settle();

        Assert.Equal(["0", "1", "5"], d.S.Instances.Keys.Order(InstanceOrder.Instance));
        Assert.Equal("Succeeded", d.S.Operations[^1].Status);
        Assert.Empty(d.S.ScaleWaits);
    }

    [Fact]
    public void ScaleOut_FailedProvisioning_FailsTheScaleOperationWithTheInstancesError()
    {
        var d = FleetDriver.Create(ScaleSet(1), new FaultRules { AllocationFailureProbability = 1 });
        var mark = d.Commands.Count;

        d.Send(new ScaleRequested(3));
        d.Settle();

        var operation = d.S.Operations[^1];
        Assert.Equal(("Scale", "Failed", "AllocationFailed"), (operation.Operation, operation.Status, operation.ErrorCode));
        Assert.Equal("Failed", ScaleSetProvisioning.State(false, d.S.Operations, d.S.Runs));

        // Provisioning ended, failed: the capacity is asked of the load balancers all the same.
        Assert.Equal([1, 2, 3], d.Since<SetTargetCapacity>(mark).Select(c => c.Capacity));
        Assert.Equal(0, d.S.ScaleOutsCreating);
    }

    [Fact]
    public void Scale_ToTheSameCapacity_SucceedsAtOnce()
    {
        var d = FleetDriver.Create(ScaleSet(2));

        var scale = d.Send(new ScaleRequested(2));

        Assert.Equal("Succeeded", scale.Operation!.Status);
        Assert.Empty(d.S.ScaleWaits);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(ScaleSetModelReader.MaxCapacity + 1)]
    public void Scale_OutOfRange_IsRefusedWithInvalidParameter_AndChangesNothing(int capacity)
    {
        var d = FleetDriver.Create(ScaleSet(2));
        var before = d.S;

        var e = Assert.Throws<AzureException>(() => d.Send(new ScaleRequested(capacity)));

        Assert.Equal(("InvalidParameter", "sku.capacity"), (e.Code, e.Target));
        Assert.Same(before, d.S);
    }

    [Fact]
    public void PatchOfCapacity_ScalesWithTheUpdate()
    {
        var d = FleetDriver.Create(ScaleSet(2, mode: "Manual"));

        d.Send(new PatchRequested("""{"sku":{"capacity":4}}"""));
        d.Settle();

        Assert.Equal(["0", "1", "2", "3"], d.S.Instances.Keys.Order(InstanceOrder.Instance));
        Assert.Equal("Succeeded", d.S.Operations[^1].Status);
    }
}
