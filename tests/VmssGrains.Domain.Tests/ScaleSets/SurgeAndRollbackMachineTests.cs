using VmssGrains.Domain.Faults;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;
using VmssGrains.Domain.ScaleSets;
using static VmssGrains.Domain.Tests.ScaleSets.MachineFleets;

namespace VmssGrains.Domain.Tests.ScaleSets;

/// <summary>maxSurge and rollbackFailedInstancesOnPolicyBreach (docs/behaviour.md#maxsurge, #rollback-on-policy-breach).</summary>
public sealed class SurgeAndRollbackMachineTests
{
    /// <summary>A surge: the new instance provisioned (370 s), then the old one drained and deleted (70 s).</summary>
    private static readonly TimeSpan Surge = Provision + TimeSpan.FromSeconds(10 + 60);

    [Fact]
    public void MaxSurge_ReplacesEachBatchWithNewInstances_AndNeverDropsBelowCapacity()
    {
        var d = FleetDriver.Create(ScaleSet(4, policy: Policy(batch: 50, unhealthy: 50, maxSurge: true)));

        d.Send(new PatchRequested(ImagePatch("1.1.0")));
        var end = d.Settle();

        var run = d.S.Runs[^1].Run;
        Assert.Equal((RunStatusCode.Completed, (4, 0, 0, 0)), (run.Code, run.Progress));
        Assert.Equal([["0", "1"], ["2", "3"]], run.Batches.Select(b => b.InstanceIds.ToArray()));
        Assert.Equal(T0 + (2 * Surge), end);
        Assert.Equal(["4", "5", "6", "7"], d.S.Instances.Keys.Order(InstanceOrder.Instance));
        Assert.All(d.S.Instances.Values, i => Assert.Equal((2, "1.1.0", HealthState.Healthy), (i.ModelVersion, i.Image.Version, i.Health)));
        Assert.All(d.S.Timeline, p => Assert.True(p.InService >= 4, $"{p.InService} in service at {p.Time}"));
        Assert.Empty(d.S.Surges);
        Assert.Equal("Succeeded", d.S.Operations[^1].Status);
    }

    [Fact]
    public void MaxSurge_TimelineAfterEachDecision_IsTheFleetAsItStands()
    {
        // A surge report both puts the new instance in service and starts draining the old one: the instant's point
        // must show both, or its value would depend on which report of the instant came last.
        var d = FleetDriver.Create(ScaleSet(4, policy: Policy(batch: 50, unhealthy: 50, maxSurge: true)));
        d.Observer = (_, t) =>
        {
            var last = t.State.Timeline[^1];
            Assert.Equal((t.State.Counts.InService, t.State.Counts.Upgrading), (last.InService, last.Upgrading));
        };

        d.Send(new PatchRequested(ImagePatch("1.1.0")));
        d.Settle();

        // Created and updated at T0 (one instant, one point). Then 4 in service and 2 upgrading throughout: the new
        // instances provisioning, and from the instant they serve, the old ones draining and being deleted.
        Assert.Equal(
            [(T0, 4, 2), (T0 + (2 * Surge), 4, 0)],
            d.S.Timeline.Select(p => (p.Time, p.InService, p.Upgrading)));
    }

    [Fact]
    public void MaxSurge_NewInstance_GoesToTheOldInstancesZone()
    {
        var d = FleetDriver.Create(ScaleSet(4, zones: ["1", "2"], policy: Policy(batch: 50, unhealthy: 50, maxSurge: true)));
        var mark = d.Commands.Count;

        d.Send(new PatchRequested(ImagePatch("1.1.0")));
        d.Settle(TimeSpan.Zero);

        // The first batch is zone 1's (0 and 2): both replacements go to zone 1, not to the emptier zone.
        Assert.Equal([("4", "1"), ("5", "1")], d.Since<CreateInstance>(mark).Select(c => (c.Spec.InstanceId, c.Spec.Zone!)));
        Assert.Equal(new Dictionary<string, string> { ["4"] = "0", ["5"] = "2" }, d.S.Surges);
        Assert.All(d.Since<StartOrder>(mark), o => Assert.Equal((OrderPurpose.Surge, OperationKind.Provision, 2), (o.Order.Tag.Purpose, o.Order.Kind, o.Order.ModelVersion)));
        Assert.False(d.S.Instances["0"].Busy);
    }

    [Fact]
    public void MaxSurge_DoesNotApplyToAnExtensionUpgrade()
    {
        var d = FleetDriver.Create(ScaleSet(2, policy: Policy(batch: 50, unhealthy: 50, maxSurge: true)));
        var mark = d.Commands.Count;

        d.Send(new ExtensionUpgradeRequested());
        d.Settle();

        Assert.Empty(d.Since<CreateInstance>(mark));
        Assert.All(d.Since<StartOrder>(mark), o => Assert.Equal(OperationKind.Extensions, o.Order.Kind));
        Assert.Equal(["0", "1"], d.S.Instances.Keys.Order(InstanceOrder.Instance));
    }

    [Fact]
    public void MaxSurge_DoesNotApplyToAnAutomaticRun()
    {
        var d = FleetDriver.Create(ScaleSet(2, mode: "Automatic", policy: Policy(maxSurge: true)));
        var mark = d.Commands.Count;

        d.Send(new PatchRequested(ImagePatch("1.1.0")));
        d.Settle();

        Assert.Empty(d.Since<CreateInstance>(mark));
        Assert.Equal(["0", "1"], d.S.Instances.Keys.Order(InstanceOrder.Instance));
    }

    [Fact]
    public void MaxSurge_AllocationFailure_RemovesTheNewInstanceAndUpgradesInPlace()
    {
        var d = FleetDriver.Create(ScaleSet(4, policy: Policy(batch: 50, unhealthy: 50, maxSurge: true)), new FaultRules { AllocationFailureProbability = 1 });
        var mark = d.Commands.Count;

        d.Send(new PatchRequested(ImagePatch("1.1.0")));
        d.Settle();

        Assert.Equal(["4", "5", "6", "7"], d.Since<RemoveInstance>(mark).Select(r => r.InstanceId));
        Assert.Equal(
            ["0", "1", "2", "3"],
            d.Since<StartOrder>(mark).Where(o => o.Order.Tag.Purpose == OrderPurpose.Run).Select(o => o.InstanceId));
        Assert.Equal((RunStatusCode.Completed, (4, 0, 0, 0)), (d.S.Runs[^1].Run.Code, d.S.Runs[^1].Run.Progress));
        Assert.Equal(["0", "1", "2", "3"], d.S.Instances.Keys.Order(InstanceOrder.Instance));
        Assert.All(d.S.Instances.Values, i => Assert.Equal((2, "1.1.0"), (i.ModelVersion, i.Image.Version)));
    }

    [Fact]
    public void MaxSurge_NewInstanceNeverHealthy_IsDeletedAndTheRunCancelled()
    {
        var faults = new FaultRules { UnhealthyAfterUpgrade = [new ImageFault("1.1.0", 0, ["4"])] };
        var d = FleetDriver.Create(ScaleSet(4, policy: Policy(batch: 50, unhealthy: 50, maxSurge: true)), faults);

        d.Send(new PatchRequested(ImagePatch("1.1.0")));
        d.Settle();

        var run = d.S.Runs[^1].Run;
        Assert.Equal((RunStatusCode.Cancelled, "MaxSurgeInstanceUnhealthy", (1, 0, 0, 3)), (run.Code, run.Error!.Code, run.Progress));
        Assert.Equal(RollingUpgradeErrors.Target(Name, "4"), run.Error.Details.Single().Target);
        Assert.Equal(["0", "2", "3", "5"], d.S.Instances.Keys.Order(InstanceOrder.Instance));
        Assert.Equal([1, 1, 1, 2], new[] { "0", "2", "3", "5" }.Select(id => d.S.Instances[id].ModelVersion));
        Assert.False(d.Vms.ContainsKey("4"));
        Assert.Equal(("Canceled", "MaxSurgeInstanceUnhealthy"), (d.S.Operations[^1].Status, d.S.Operations[^1].ErrorCode));
    }

    [Fact]
    public void PolicyBreach_WithRollback_ReturnsTheFailedInstancesToThePreviousModel()
    {
        var faults = new FaultRules { UnhealthyAfterUpgrade = [new ImageFault("1.1.0", 0, ["1"])] };
        var d = FleetDriver.Create(ScaleSet(10, policy: Policy(upgradedUnhealthy: 0, rollback: true)), faults);
        var mark = d.Commands.Count;

        d.Send(new PatchRequested(ImagePatch("1.1.0")));
        d.Settle();

        var run = d.S.Runs[^1].Run;
        Assert.Equal((RunStatusCode.Faulted, RollingUpgradeErrors.UpgradedExceeded), (run.Code, run.Error!.Code));
        Assert.Equal((1, 0), (run.RolledBackSucceeded, run.RolledBackFailed));
        var rollback = Assert.Single(d.Since<StartOrder>(mark), o => o.Order.Tag.Purpose == OrderPurpose.Rollback);
        Assert.Equal(("1", OperationKind.Upgrade, 1, "1.0.0", true), (rollback.InstanceId, rollback.Order.Kind, rollback.Order.ModelVersion, rollback.Order.Image.Image.Version, rollback.Order.WaitForHealth));
        Assert.Equal((2, "1.1.0"), (d.Vms["0"].ModelVersion, d.Vms["0"].Image.Version));
        Assert.Equal((1, "1.0.0", HealthState.Healthy), (d.Vms["1"].ModelVersion, d.Vms["1"].Image.Version, d.Vms["1"].Health));
        Assert.Empty(d.S.RollbackModels);
        Assert.Empty(d.S.Rollbacks);
    }

    [Fact]
    public void PolicyBreach_WithoutRollback_LeavesTheFailedInstancesOnTheNewModel()
    {
        var faults = new FaultRules { UnhealthyAfterUpgrade = [new ImageFault("1.1.0", 0, ["1"])] };
        var d = FleetDriver.Create(ScaleSet(10, policy: Policy(upgradedUnhealthy: 0)), faults);

        d.Send(new PatchRequested(ImagePatch("1.1.0")));
        d.Settle();

        var run = d.S.Runs[^1].Run;
        Assert.Equal((RunStatusCode.Faulted, 0, 0), (run.Code, run.RolledBackSucceeded, run.RolledBackFailed));
        Assert.DoesNotContain(d.Commands, c => c is StartOrder { Order.Tag.Purpose: OrderPurpose.Rollback });
        Assert.Equal((2, "1.1.0", HealthState.Unhealthy), (d.Vms["1"].ModelVersion, d.Vms["1"].Image.Version, d.Vms["1"].Health));
    }

    [Fact]
    public void Completed_WithFailuresWithinTheLimit_NoRollback()
    {
        var faults = new FaultRules { UnhealthyAfterUpgrade = [new ImageFault("1.1.0", 0, ["1"])] };
        var d = FleetDriver.Create(ScaleSet(10, policy: Policy(upgradedUnhealthy: 100, unhealthy: 100, rollback: true)), faults);

        d.Send(new PatchRequested(ImagePatch("1.1.0")));
        d.Settle();

        var run = d.S.Runs[^1].Run;
        Assert.Equal((RunStatusCode.Completed, RollingUpgradeErrors.InProgressWithFailed, (9, 1, 0, 0)), (run.Code, run.Error!.Code, run.Progress));
        Assert.DoesNotContain(d.Commands, c => c is StartOrder { Order.Tag.Purpose: OrderPurpose.Rollback });

        // A completed run's error is not the operation's.
        Assert.Equal(("Succeeded", null), (d.S.Operations[^1].Status, d.S.Operations[^1].ErrorCode));
    }
}
