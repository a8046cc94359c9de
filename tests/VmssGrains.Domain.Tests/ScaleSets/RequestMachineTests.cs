using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Rolling;
using VmssGrains.Domain.ScaleSets;
using static VmssGrains.Domain.Tests.ScaleSets.MachineFleets;

namespace VmssGrains.Domain.Tests.ScaleSets;

/// <summary>Requests the machine refuses, protection, reimage and delete (docs/behaviour.md#manual-operations).</summary>
public sealed class RequestMachineTests
{
    private static AzureException Refused(FleetDriver d, ScaleSetEvent e)
    {
        var before = d.S;
        var count = d.Commands.Count;
        var refused = Assert.Throws<AzureException>(() => d.Send(e));
        Assert.Same(before, d.S);
        Assert.Equal(count, d.Commands.Count);
        return refused;
    }

    [Fact]
    public void Protection_FromScaleSetActionsWithoutFromScaleIn_IsRefusedWithInvalidParameter()
    {
        var d = FleetDriver.Create(ScaleSet(2));

        var e = Refused(d, new ProtectionRequested(["0"], false, true));

        Assert.Equal(("InvalidParameter", "protectionPolicy.protectFromScaleSetActions"), (e.Code, e.Target));
    }

    [Fact]
    public void Protection_IsSetOnTheInstanceAndItsSummary()
    {
        var d = FleetDriver.Create(ScaleSet(2));
        var mark = d.Commands.Count;

        d.Send(new ProtectionRequested(["1", "1"], true, true));

        Assert.Equal([new SetInstanceProtection("1", true, true)], d.Since<SetInstanceProtection>(mark));
        Assert.Equal((true, true), (d.S.Instances["1"].ProtectFromScaleIn, d.S.Instances["1"].ProtectFromScaleSetActions));
        Assert.True(d.Vms["1"].ProtectFromScaleSetActions);
    }

    [Fact]
    public void ReimageAll_OnFlexible_IsRefusedWithOperationNotAllowed_ButReimageIsNot()
    {
        var d = FleetDriver.Create(ScaleSet(2, mode: "Manual", orchestration: "Flexible"));

        Assert.Equal("OperationNotAllowed", Refused(d, new ReimageRequested([], All: true)).Code);
        Assert.Equal("InProgress", d.Send(new ReimageRequested(["0"], All: false)).Operation!.Status);
    }

    [Fact]
    public void ReimageAll_WithoutIds_SparesProtectedInstances_AndKeepsEachInstancesModel()
    {
        var d = FleetDriver.Create(ScaleSet(3, mode: "Manual"));
        d.Send(new ProtectionRequested(["1"], true, true));
        d.Send(new PatchRequested(ImagePatch("1.1.0")));
        var mark = d.Commands.Count;

        d.Send(new ReimageRequested([], All: true));
        d.Settle();

        Assert.Equal(["0", "2"], d.Since<StartOrder>(mark).Select(o => o.InstanceId));
        Assert.All(d.Since<StartOrder>(mark), o => Assert.Equal((OperationKind.ReimageAll, 1, "1.0.0"), (o.Order.Kind, o.Order.ModelVersion, o.Order.Image.Image.Version)));
        Assert.Equal((RunKind.ReimageAll, RunStatusCode.Completed, "Succeeded"), (d.S.Runs[^1].Run.Kind, d.S.Runs[^1].Run.Code, d.S.Operations[^1].Status));
    }

    [Fact]
    public void WhileARunIsUnderWay_RequestsThatStartRunsOrChangeTheModel_AreRefusedWithConflict()
    {
        var d = FleetDriver.Create(ScaleSet(3));
        d.Send(new PatchRequested(ImagePatch("1.1.0")));

        ScaleSetEvent[] refused =
        [
            new PatchRequested(TagPatch("b")),
            new PutRequested(ScaleSet(3, version: "1.0.0")),
            new OSUpgradeRequested(),
            new ExtensionUpgradeRequested(),
            new UpdateInstancesRequested(["0"]),
            new ReimageRequested(["0"], All: false),
            new ReimageRequested([], All: true),
        ];
        Assert.All(refused, e => Assert.Equal("Conflict", Refused(d, e).Code));
    }

    [Fact]
    public void Cancel_WithoutARollingUpgrade_IsRefusedWithOperationNotAllowed()
    {
        var d = FleetDriver.Create(ScaleSet(3, mode: "Manual"));
        d.Send(new PatchRequested(ImagePatch("1.1.0")));
        d.Send(new UpdateInstancesRequested(["0"]));

        // An ungated run is not a rolling upgrade.
        Assert.Equal("OperationNotAllowed", Refused(d, new CancelRollingUpgradeRequested()).Code);
    }

    [Fact]
    public void UnknownInstance_IsRefusedWithNotFound_AndNoIdsWithInvalidParameter()
    {
        var d = FleetDriver.Create(ScaleSet(2, mode: "Manual"));

        ScaleSetEvent[] unknown =
        [
            new UpdateInstancesRequested(["0", "7"]),
            new ReimageRequested(["7"], All: false),
            new ProtectionRequested(["7"], true, false),
            new ApproveRequested(["7"]),
            new UnhealthyRequested(["7"], true),
        ];
        Assert.All(unknown, e => Assert.Equal(("NotFound", "instanceIds"), (Refused(d, e).Code, Refused(d, e).Target)));
        Assert.Equal(("InvalidParameter", "instanceIds"), (Refused(d, new UpdateInstancesRequested([])).Code, Refused(d, new UpdateInstancesRequested([])).Target));
    }

    [Fact]
    public void ScaleSetThatDoesNotExist_EveryRequestIsRefusedWithNotFound()
    {
        var d = new FleetDriver();

        ScaleSetEvent[] requests =
        [
            new PatchRequested(TagPatch("a")),
            new ScaleRequested(2),
            new OSUpgradeRequested(),
            new ExtensionUpgradeRequested(),
            new UpdateInstancesRequested(["0"]),
            new ReimageRequested([], All: false),
            new CancelRollingUpgradeRequested(),
            new ApproveRequested([]),
            new ProtectionRequested(["0"], true, false),
            new FaultsAdded(Faults.FaultRules.None),
            new DeleteRequested(),
        ];
        Assert.All(requests, e => Assert.Equal("NotFound", Refused(d, e).Code));
    }

    [Fact]
    public void Delete_UnderARun_RemovesEverything_AndForgetsTheWakeUps()
    {
        var d = FleetDriver.Create(ScaleSet(3, version: null, automaticOSUpgradePolicy: AutomaticOS()), catalog: ImageCatalog.Empty.With(Version("1.0.0", T0)));
        d.Send(new ExtensionUpgradeRequested());
        d.Settle(TimeSpan.FromSeconds(30));
        var run = d.S.Run!;
        var mark = d.Commands.Count;
        var deletedAt = d.Now;

        d.Send(new DeleteRequested());
        var later = d.Settle();

        // In this order; the instances are removed in no particular order.
        var removed = new RemoveInstance("*");
        Assert.Equal(
            [new RunDeleted(run), new SetTargetCapacity(LoadBalancer, 0), removed, removed, removed, new FollowImage("web", null), new ClearWakeUps(), new Register(false)],
            d.Commands.Skip(mark).Where(c => c is not (InstanceChanged or Audited)).Select(c => c is RemoveInstance ? removed : c));
        Assert.Equal(["0", "1", "2"], d.Since<RemoveInstance>(mark).Select(r => r.InstanceId).Order(InstanceOrder.Instance));
        Assert.Equal(3, d.Since<InstanceChanged>(mark).Count(c => c.After is null));
        Assert.Equal((false, 0, -1), (d.S.Exists, d.S.Instances.Count, d.S.ActiveRun));
        Assert.Equal(["1.0.0"], d.S.Catalog.Images["web"].Select(v => v.Image.Version));
        Assert.Equal(deletedAt, later);
        Assert.Empty(d.Vms);
    }

    [Fact]
    public void ReportOfAnUnknownInstance_IsIgnored()
    {
        var d = FleetDriver.Create(ScaleSet(1));
        var summary = d.S.Instances["0"] with { InstanceId = "9" };

        var t = d.Send(new InstanceReported(new InstanceReport("scale", new InstanceOutcome("9", true), summary, OperationKind.Provision)));

        Assert.Empty(t.Commands);
        Assert.Same(t.State, d.S);
        Assert.False(d.S.Instances.ContainsKey("9"));
    }

    [Fact]
    public void Put_WithAnInvalidName_IsRefused()
    {
        var d = new FleetDriver();
        var invalid = ScaleSetState.Empty("bad name!", MachineFleets.Catalog);

        var e = Assert.Throws<AzureException>(() => ScaleSetMachine.Decide(invalid, new PutRequested(ScaleSet(1)), d.Now));

        Assert.Equal(("InvalidParameter", "name"), (e.Code, e.Target));
    }

    [Fact]
    public void Put_OfAGalleryVersionTheGalleryDoesNotHave_IsRefused()
    {
        var d = new FleetDriver();

        var e = Refused(d, new PutRequested(ScaleSet(1, version: "9.9.9")));

        Assert.Equal("GalleryImageVersionNotFound", e.Code);
    }
}
