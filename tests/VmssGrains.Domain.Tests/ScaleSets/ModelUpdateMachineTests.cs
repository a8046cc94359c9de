using VmssGrains.Domain.Faults;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Rolling;
using VmssGrains.Domain.ScaleSets;
using static VmssGrains.Domain.Tests.ScaleSets.MachineFleets;

namespace VmssGrains.Domain.Tests.ScaleSets;

/// <summary>Which run a model update starts, over which instances, and how its operation ends (docs/behaviour.md#upgrade-modes).</summary>
public sealed class ModelUpdateMachineTests
{
    [Fact]
    public void Create_PlacesTheInstancesAndSucceedsAtOnce()
    {
        var d = FleetDriver.Create(ScaleSet(3, zones: ["1", "2"]));

        Assert.Equal(["0", "1", "2"], d.S.Instances.Keys.Order(InstanceOrder.Instance));
        Assert.Equal(["1", "2", "1"], new[] { "0", "1", "2" }.Select(id => d.S.Instances[id].Zone));
        Assert.Equal((1, 3, -1), (d.S.ModelVersion, d.S.NextInstanceId, d.S.ActiveRun));
        Assert.Equal(("CreateOrUpdate", "Succeeded"), (d.S.Operations[0].Operation, d.S.Operations[0].Status));
        Assert.Equal([new SetTargetCapacity(LoadBalancer, 3)], d.Commands.OfType<SetTargetCapacity>());
        Assert.Equal([new Register(true)], d.Commands.OfType<Register>());
    }

    [Fact]
    public void Rolling_ImageUpdate_RunsOneBatchAtATimeAndTheOperationSucceedsWithTheRun()
    {
        var d = FleetDriver.Create(ScaleSet(4, policy: Policy(batch: 50, unhealthy: 50)));

        var update = d.Send(new PatchRequested(ImagePatch("1.1.0"))).Operation!;
        Assert.Equal(("Update", "InProgress"), (update.Operation, update.Status));
        var end = d.Settle();

        var run = d.S.Runs[^1].Run;
        Assert.Equal((RunKind.RollingUpgrade, RunStatusCode.Completed, (4, 0, 0, 0)), (run.Kind, run.Code, run.Progress));
        Assert.Equal([["0", "1"], ["2", "3"]], run.Batches.Select(b => b.InstanceIds.ToArray()));
        Assert.Equal(T0 + (2 * Upgrade), end);
        Assert.Equal(("Succeeded", T0 + (2 * Upgrade), run.RunId), (d.S.Operations[^1].Status, d.S.Operations[^1].EndTime, d.S.Operations[^1].RunId));
        Assert.All(d.S.Instances.Values, i => Assert.Equal((2, "1.1.0", false), (i.ModelVersion, i.Image.Version, i.Busy)));
    }

    [Fact]
    public void Rolling_EmptyUpdate_StillStartsARunOverTheStaleInstances()
    {
        var d = FleetDriver.Create(ScaleSet(4));

        d.Send(new PatchRequested(TagPatch("a")));
        d.Settle();

        var run = Assert.Single(d.S.Runs).Run;
        Assert.Equal((RunKind.RollingUpgrade, RunStatusCode.Completed, (0, 0, 0, 0)), (run.Kind, run.Code, run.Progress));
        Assert.Equal((1, "Succeeded"), (d.S.ModelVersion, d.S.Operations[^1].Status));
        Assert.Empty(d.Commands.OfType<StartOrder>());
    }

    [Fact]
    public void Automatic_EmptyUpdate_StartsNoRun_AndAnImageUpdateUpgradesEveryStaleInstanceInOneBatch()
    {
        var d = FleetDriver.Create(ScaleSet(3, mode: "Automatic"));

        var empty = d.Send(new PatchRequested(TagPatch("a"))).Operation!;
        Assert.Equal(("Succeeded", 0), (empty.Status, d.S.Runs.Count));

        d.Send(new PatchRequested(ImagePatch("1.1.0")));
        d.Settle();

        var run = Assert.Single(d.S.Runs).Run;
        Assert.Equal((RunKind.Automatic, false, RunStatusCode.Completed), (run.Kind, run.Gated, run.Code));
        Assert.Equal([["0", "1", "2"]], run.Batches.Select(b => b.InstanceIds.ToArray()));
        Assert.All(d.Since<StartOrder>(0), o => Assert.Equal((OperationKind.Upgrade, 2, false), (o.Order.Kind, o.Order.ModelVersion, o.Order.WaitForHealth)));
        Assert.Equal("Succeeded", d.S.Operations[^1].Status);
    }

    [Fact]
    public void Manual_ImageUpdate_StartsNoRun_AndLeavesTheInstancesStale()
    {
        var d = FleetDriver.Create(ScaleSet(3, mode: "Manual"));

        var update = d.Send(new PatchRequested(ImagePatch("1.1.0"))).Operation!;

        Assert.Equal(("Succeeded", 0, 2), (update.Status, d.S.Runs.Count, d.S.ModelVersion));
        Assert.All(d.S.Instances.Values, i => Assert.Equal(1, i.ModelVersion));
        Assert.Equal([1, 2], d.S.Models.Keys.Order());
    }

    [Fact]
    public void Manual_UpdateInstances_UpgradesOnlyTheNamedStaleOnes_AndOldModelsGoWhenUnused()
    {
        var d = FleetDriver.Create(ScaleSet(3, mode: "Manual"));
        d.Send(new PatchRequested(ImagePatch("1.1.0")));

        d.Send(new UpdateInstancesRequested(["2", "0"]));
        d.Settle();
        Assert.Equal([["0", "2"]], d.S.Runs[^1].Run.Batches.Select(b => b.InstanceIds.ToArray()));
        Assert.Equal([1, 2], d.S.Models.Keys.Order());

        d.Send(new UpdateInstancesRequested(["1"]));
        d.Settle();
        Assert.Equal((RunKind.ManualUpgrade, RunStatusCode.Completed), (d.S.Runs[^1].Run.Kind, d.S.Runs[^1].Run.Code));
        Assert.Equal([2], d.S.Models.Keys);
    }

    [Fact]
    public void Automatic_FailedInstance_FailsTheOperationWithTheInstancesError()
    {
        var faults = new FaultRules { ExtensionFailures = [new ExtensionFault("app", 0, ["1"])] };
        var d = FleetDriver.Create(ScaleSet(3, mode: "Automatic"), faults);

        d.Send(new PatchRequested(ImagePatch("1.1.0")));
        d.Settle();

        var run = d.S.Runs[^1].Run;
        Assert.Equal((RunStatusCode.Failed, (2, 1, 0, 0)), (run.Code, run.Progress));
        var operation = d.S.Operations[^1];
        Assert.Equal(("Failed", run.Error!.Code, run.Error.Message), (operation.Status, operation.ErrorCode, operation.ErrorMessage));
        Assert.Equal("VMExtensionProvisioningError", operation.ErrorCode);
        Assert.Equal("Failed", ScaleSetProvisioning.State(false, d.S.Operations, d.S.Runs));
    }

    [Fact]
    public void Rolling_PolicyBreach_FailsTheOperationWithTheRunsError()
    {
        var faults = new FaultRules { ExtensionFailures = [new ExtensionFault("app", 0, ["0"])] };
        var d = FleetDriver.Create(ScaleSet(5, policy: Policy(upgradedUnhealthy: 0)), faults);

        d.Send(new PatchRequested(ImagePatch("1.1.0")));
        d.Settle();

        var run = d.S.Runs[^1].Run;
        Assert.Equal((RunStatusCode.Faulted, RollingUpgradeErrors.UpgradedExceeded, (0, 1, 0, 4)), (run.Code, run.Error!.Code, run.Progress));
        Assert.Equal(("Failed", RollingUpgradeErrors.UpgradedExceeded), (d.S.Operations[^1].Status, d.S.Operations[^1].ErrorCode));
        Assert.Equal("Succeeded", ScaleSetProvisioning.State(false, d.S.Operations, d.S.Runs));

        // The breach keeps the old model for the four instances still on it.
        Assert.Equal([1, 2], d.S.Models.Keys.Order());
    }

    [Fact]
    public void Rolling_Cancel_EndsAfterTheBatchInFlight_AndTheOperationIsCanceled()
    {
        var d = FleetDriver.Create(ScaleSet(5));
        d.Send(new PatchRequested(ImagePatch("1.1.0")));
        d.Advance(TimeSpan.FromSeconds(30));

        d.Send(new CancelRollingUpgradeRequested());
        d.Settle();

        var run = d.S.Runs[^1].Run;
        Assert.Equal((RunStatusCode.Cancelled, (1, 0, 0, 4), "Cancel"), (run.Code, run.Progress, run.LastAction));
        Assert.Equal("Canceled", d.S.Operations[^1].Status);
        Assert.Equal(-1, d.S.ActiveRun);
    }

    [Fact]
    public void Rolling_ProtectedInstance_IsLeftOutOfTheRunAndStaysStale()
    {
        var d = FleetDriver.Create(ScaleSet(3));
        d.Send(new ProtectionRequested(["1"], true, true));

        d.Send(new PatchRequested(ImagePatch("1.1.0")));
        d.Settle();

        Assert.Equal((2, 0, 0, 0), d.S.Runs[^1].Run.Progress);
        Assert.Equal([2, 1, 2], new[] { "0", "1", "2" }.Select(id => d.S.Instances[id].ModelVersion));
    }
}
