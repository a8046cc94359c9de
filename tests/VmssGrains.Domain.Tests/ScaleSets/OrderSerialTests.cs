using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;
using VmssGrains.Domain.ScaleSets;
using static VmssGrains.Domain.Tests.ScaleSets.MachineFleets;

namespace VmssGrains.Domain.Tests.ScaleSets;

/// <summary>
/// Reports delivered in the wrong order on purpose: an older report never overwrites a newer one (report sequence), and
/// a report of an order given again since (order serial) is ignored.
/// </summary>
public sealed class OrderSerialTests
{
    [Fact]
    public void HealthReportBeforeTheOperationReport_LeavesTheInstanceAsItsNewestReportSays()
    {
        // Manual upgrade: the operation reports after the extensions (settling, not healthy yet), then the health report
        // says Healthy. Here the health report arrives first.
        var reordered = ManualUpgradeOfOne(holdOperationReport: true);
        var inOrder = ManualUpgradeOfOne(holdOperationReport: false);

        var summary = reordered.S.Instances["0"];
        var late = Assert.IsType<InstanceReported>(Assert.Single(reordered.Held)).Report.Summary;
        Assert.Equal((1L, true), (late.Sequence, late.Settling));
        Assert.Equal(
            (HealthState.Healthy, false, false, "Succeeded", 2, Image("1.1.0"), 2L, 1L),
            (summary.Health, summary.Busy, summary.Settling, summary.ProvisioningState, summary.ModelVersion, summary.Image, summary.Sequence, summary.OrderSerial));
        Assert.Equal(inOrder.S.Instances["0"], summary);
        Assert.Equal((RunStatusCode.Completed, 1), (reordered.S.Runs[^1].Run.Code, reordered.S.Runs[^1].Run.Progress.Successful));
        Assert.Equal((1, 0), (reordered.S.Counts.InService, reordered.S.Counts.Unhealthy));
    }

    [Fact]
    public void OlderHealthReport_IsIgnored()
    {
        var d = ManualUpgradeOfOne(holdOperationReport: false);
        var known = d.S.Instances["0"];

        var t = d.Send(new InstanceHealthChanged(known with { Health = HealthState.Unhealthy, Sequence = known.Sequence - 1 }));

        Assert.Same(known, t.State.Instances["0"]);
        Assert.Empty(t.Commands);
    }

    [Fact]
    public void LostInstance_IsCreatedAgainFromItsSummary_AndItsOrderRedoneUnderANewSerial()
    {
        var d = FleetDriver.Create(ScaleSet(4, policy: Policy(batch: 50, unhealthy: 50)));
        d.Send(new PatchRequested(ImagePatch("1.1.0")));
        d.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(["0", "1"], d.S.InFlight.Keys.Order(StringComparer.Ordinal));

        // Instance 0's silo died: its state is gone. Instance 3 has no order in flight: nothing to redo.
        d.Vms.Remove("0");
        var from = d.Commands.Count;
        var t = d.Send(new InstanceOperationsLost([new LostOperation("0", StateLost: true), new LostOperation("3", StateLost: true)], "instance state lost (silo failure)"));

        var runId = d.S.Run!.RunId;
        var create = Assert.IsType<RestoreInstance>(t.Commands[0]);
        Assert.Equal(
            ("0", true, 1, Image("1.0.0"), 0L, LoadBalancer),
            (create.Spec.InstanceId, create.Spec.Deployed, create.Spec.ModelVersion, create.Spec.Image, create.Spec.Sequence, string.Join(",", create.Spec.LoadBalancers)));
        var start = Assert.IsType<StartOrder>(t.Commands[1]);
        Assert.Equal(("0", 2L, OrderPurpose.Run), (start.InstanceId, start.Serial, start.Order.Tag.Purpose));
        Assert.Equal(
            new Audited("OperationsRedone", "Started", runId, Message: "instance state lost (silo failure): the operations of instance(s) 0 were started again", Caller: "Platform"),
            t.Commands.OfType<Audited>().Single());
        Assert.Equal((true, 2L), (d.S.Instances["0"].Busy, d.S.Instances["0"].OrderSerial));
        Assert.Single(d.Since<StartOrder>(from));

        d.Settle();
        var run = d.S.Runs[^1].Run;
        Assert.Equal((RunStatusCode.Completed, 4, 0), (run.Code, run.Progress.Successful, run.Progress.Failed));
        Assert.Empty(d.S.InFlight);
        Assert.All(d.S.Instances.Values, i => Assert.Equal((Image("1.1.0"), false), (i.Image, i.Busy)));
        Assert.Equal([2L, 1L, 1L, 1L], d.S.Instances.Values.OrderBy(i => i.InstanceId, StringComparer.Ordinal).Select(i => i.OrderSerial));
    }

    [Fact]
    public void LateReportOfTheLostOrder_IsIgnored_AndTheInstanceIsCountedOnce()
    {
        var d = FleetDriver.Create(ScaleSet(4, policy: Policy(batch: 50, unhealthy: 50)));
        d.Hold = e => e is InstanceReported { Report: { OrderSerial: 1, Outcome.InstanceId: "1" } };
        d.Send(new PatchRequested(ImagePatch("1.1.0")));
        d.Settle();

        // The first order's report of instance 1 is late (its silo stalled): the run waits for it.
        var late = Assert.IsType<InstanceReported>(Assert.Single(d.Held));
        Assert.Equal((RunStatusCode.RollingForward, 1), (d.S.Run!.Code, d.S.Run.Progress.Successful));

        d.Send(new InstanceOperationsLost([new LostOperation("1", StateLost: true)], "instance state lost (silo failure)"));
        d.Settle();
        var before = d.S;
        var t = d.Send(late);

        Assert.Equal((RunStatusCode.Completed, 4), (before.Runs[^1].Run.Code, before.Runs[^1].Run.Progress.Successful));
        Assert.Same(before.Runs, t.State.Runs);
        Assert.Same(before.Instances, t.State.Instances);
        Assert.Empty(t.Commands);
    }

    private static FleetDriver ManualUpgradeOfOne(bool holdOperationReport)
    {
        var d = FleetDriver.Create(ScaleSet(1, mode: "Manual"));
        d.Send(new PatchRequested(ImagePatch("1.1.0")));
        d.Hold = e => holdOperationReport && e is InstanceReported;
        d.Send(new UpdateInstancesRequested(["0"]));
        d.Settle();
        d.Hold = null;
        foreach (var held in d.Held)
        {
            d.Send(held);
        }

        d.Settle();
        return d;
    }
}
