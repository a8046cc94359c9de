using VmssGrains.Domain.Faults;
using VmssGrains.Domain.Fleet;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;
using VmssGrains.Domain.ScaleSets;
using static VmssGrains.Domain.Tests.ScaleSets.MachineFleets;

namespace VmssGrains.Domain.Tests.ScaleSets;

/// <summary>Automatic repairs (docs/behaviour.md#automatic-repairs).</summary>
public sealed class RepairMachineTests
{
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(10);

    /// <summary>Makes <paramref name="ids"/> unhealthy now; returns when the scale set heard of it (after the probes).</summary>
    private static DateTimeOffset MakeUnhealthy(FleetDriver d, params string[] ids)
    {
        d.Send(new UnhealthyRequested([.. ids], true));
        d.Settle(TimeSpan.FromSeconds(30));
        var since = d.S.Instances[ids[0]].UnhealthySince!.Value;
        Assert.All(ids, id => Assert.Equal(HealthState.Unhealthy, d.S.Instances[id].Health));
        return since;
    }

    [Fact]
    public void Replace_AfterTheGracePeriod_CreatesANewInstanceAndDeletesTheOldOne()
    {
        var d = FleetDriver.Create(ScaleSet(3, mode: "Manual", automaticRepairsPolicy: Repairs("Replace")));
        var since = MakeUnhealthy(d, "1");
        Assert.Contains(d.Commands, c => c is WakeUp { Token: ScaleSetMachine.RepairToken, PlatformWork: true });
        Assert.Equal(since + Grace, d.S.RepairCheckAt);

        d.Settle();

        var repair = Assert.Single(d.S.RepairHistory);
        Assert.Equal(("1", RepairAction.Replace, since + Grace, "3"), (repair.InstanceId, repair.RepairAction, repair.StartTime, repair.ReplacementInstanceId));
        Assert.Equal(("Succeeded", since + Grace + Provision), (repair.Status, repair.EndTime));
        Assert.Equal(["0", "2", "3"], d.S.Instances.Keys.Order(InstanceOrder.Instance));
        Assert.Contains(d.Commands, c => c is StartOrder { InstanceId: "1", Order.Tag.Purpose: OrderPurpose.RepairDelete, Order.Kind: OperationKind.Delete });
        Assert.Equal([new RepairObserved(RepairAction.Replace, "Started"), new RepairObserved(RepairAction.Replace, "Succeeded")], d.Commands.OfType<RepairObserved>());
        Assert.Empty(d.S.Repairs);

        // The replacement starts with no attempts (the replaced instance's count stays under its old id, never reused).
        Assert.False(d.S.RepairAttempts.ContainsKey("3"));
    }

    [Fact]
    public void Reimage_KeepsTheIdAndClearsTheFault()
    {
        var d = FleetDriver.Create(ScaleSet(3, mode: "Manual", automaticRepairsPolicy: Repairs("Reimage")));
        var since = MakeUnhealthy(d, "1");

        d.Settle();

        var repair = Assert.Single(d.S.RepairHistory);
        Assert.Equal((RepairAction.Reimage, null, "Succeeded", since + Grace + Upgrade), (repair.RepairAction, repair.ReplacementInstanceId, repair.Status, repair.EndTime));
        Assert.Contains(d.Commands, c => c is StartOrder { InstanceId: "1", Order.Tag.Purpose: OrderPurpose.Repair, Order.Kind: OperationKind.Reimage });
        Assert.Equal(["0", "1", "2"], d.S.Instances.Keys.Order(InstanceOrder.Instance));
        Assert.Equal(HealthState.Healthy, d.S.Instances["1"].Health);
    }

    [Fact]
    public void Restart_ThatLeavesTheInstanceUnhealthy_IsTriedFiveTimes_AndHealthResetsTheCount()
    {
        var d = FleetDriver.Create(ScaleSet(3, mode: "Manual", automaticRepairsPolicy: Repairs("Restart")));
        MakeUnhealthy(d, "1");

        d.Settle();

        Assert.Equal(RepairPlanner.MaxAttempts, d.S.RepairHistory.Count);
        Assert.All(d.S.RepairHistory, r => Assert.Equal(("1", RepairAction.Restart, "Failed", RollingUpgradeErrors.InstanceUnhealthy), (r.InstanceId, r.RepairAction, r.Status, r.ErrorCode)));

        // Each attempt waits the grace period from the end of the previous one.
        Assert.All(d.S.RepairHistory.Zip(d.S.RepairHistory.Skip(1)), p => Assert.Equal(p.First.EndTime + Grace, p.Second.StartTime));
        Assert.Equal(5, d.S.RepairAttempts["1"]);

        d.Send(new UnhealthyRequested(["1"], false));
        d.Settle();

        Assert.Equal(HealthState.Healthy, d.S.Instances["1"].Health);
        Assert.Empty(d.S.RepairAttempts);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void Protected_ByEitherFlag_IsNotRepaired(bool fromScaleIn, bool fromScaleSetActions)
    {
        var d = FleetDriver.Create(ScaleSet(3, mode: "Manual", automaticRepairsPolicy: Repairs()));
        d.Send(new ProtectionRequested(["1"], fromScaleIn, fromScaleSetActions));
        MakeUnhealthy(d, "1");

        d.Advance(TimeSpan.FromHours(2));

        Assert.Empty(d.S.RepairHistory);
        Assert.Null(d.S.RepairCheckAt);

        // Lifting the protection makes it due at once: the grace period is long over.
        d.Send(new ProtectionRequested(["1"], false, false));
        Assert.Equal(d.Now, Assert.Single(d.S.RepairHistory).StartTime);
    }

    [Fact]
    public void ProvisioningFailed_IsNotRepaired()
    {
        var faults = new FaultRules { ExtensionFailures = [new ExtensionFault("app", 0, ["1"])] };
        var d = FleetDriver.Create(ScaleSet(3, mode: "Manual", automaticRepairsPolicy: Repairs()), faults);
        d.Send(new PatchRequested(ImagePatch("1.1.0")));
        d.Send(new UpdateInstancesRequested(["1"]));

        d.Settle();

        Assert.Equal(("Failed", HealthState.Unhealthy), (d.S.Instances["1"].ProvisioningState, d.S.Instances["1"].Health));
        Assert.Empty(d.S.RepairHistory);
    }

    [Fact]
    public void Pacing_OneAtATimeBelowTwentyInstances_OldestFailureFirst()
    {
        var d = FleetDriver.Create(ScaleSet(10, mode: "Manual", automaticRepairsPolicy: Repairs("Reimage")));
        var most = 0;
        d.Observer = (_, t) => most = Math.Max(most, t.State.Repairs.Count);
        MakeUnhealthy(d, "7");
        d.Advance(TimeSpan.FromMinutes(1));
        MakeUnhealthy(d, "2", "5");

        d.Settle();

        Assert.Equal((1, 1), (most, RepairPlanner.Concurrency(10)));
        Assert.Equal(["7", "2", "5"], d.S.RepairHistory.Select(r => r.InstanceId));
        Assert.All(d.S.RepairHistory.Zip(d.S.RepairHistory.Skip(1)), p => Assert.True(p.Second.StartTime >= p.First.EndTime));
        Assert.All(d.S.RepairHistory, r => Assert.Equal("Succeeded", r.Status));
    }

    [Fact]
    public void Pacing_FivePercentAtATime()
    {
        var d = FleetDriver.Create(ScaleSet(40, mode: "Manual", automaticRepairsPolicy: Repairs("Reimage")));
        var most = 0;
        d.Observer = (_, t) => most = Math.Max(most, t.State.Repairs.Count);
        MakeUnhealthy(d, "1", "3", "5", "7", "9");

        d.Settle();

        Assert.Equal((2, 2), (most, RepairPlanner.Concurrency(40)));
        Assert.Equal(5, d.S.RepairHistory.Count);
        Assert.Equal(2, d.S.RepairHistory.Count(r => r.StartTime == d.S.RepairHistory[0].StartTime));
    }

    [Fact]
    public void Pacing_CountsTheScaleSetsInstances_NotAReplacementBeingCreated()
    {
        // 39 instances: one repair at a time. While a Replace is under way the fleet holds 40 (the new one and the old one).
        var d = FleetDriver.Create(ScaleSet(39, mode: "Manual", automaticRepairsPolicy: Repairs("Replace")));
        var most = 0;
        d.Observer = (_, t) => most = Math.Max(most, t.State.Repairs.Count);
        var since = MakeUnhealthy(d, "1", "2");
        d.Settle(since + Grace + TimeSpan.FromSeconds(30) - d.Now);

        // Any report during the replacement (here: another instance turning unhealthy) checks the repairs again.
        MakeUnhealthy(d, "3");
        d.Settle();

        Assert.Equal((1, 1), (RepairPlanner.Concurrency(39), most));
    }

    [Fact]
    public void SuspendedDuringARun_ResumesWhenItEnds()
    {
        var policy = Policy(batch: 20, unhealthy: 100, upgradedUnhealthy: 100, pause: "PT1H");
        var d = FleetDriver.Create(ScaleSet(5, automaticRepairsPolicy: Repairs("Reimage"), policy: policy));
        d.Send(new PatchRequested(ImagePatch("1.1.0")));
        d.Settle(Upgrade);
        Assert.Equal((1, 0, 0, 4), d.S.Run!.Progress);
        MakeUnhealthy(d, "0");

        d.Settle();

        var run = d.S.Runs[^1].Run;
        Assert.Equal(RunStatusCode.Completed, run.Code);
        Assert.Equal(run.EndTime, Assert.Single(d.S.RepairHistory).StartTime);
    }

    [Fact]
    public void Disabled_NoRepair()
    {
        var d = FleetDriver.Create(ScaleSet(3, mode: "Manual"));
        MakeUnhealthy(d, "1");

        d.Advance(TimeSpan.FromHours(2));

        Assert.Empty(d.S.RepairHistory);
        Assert.DoesNotContain(d.Commands, c => c is WakeUp { Token: ScaleSetMachine.RepairToken });
    }
}
