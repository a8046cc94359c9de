using VmssGrains.Domain.ScaleSets;
using static VmssGrains.Domain.Tests.ScaleSets.MachineFleets;

namespace VmssGrains.Domain.Tests.ScaleSets;

/// <summary>When the machine asks for its state to be written: at requests and at a run's boundaries, not in between.</summary>
public sealed class CheckpointTests
{
    [Fact]
    public void RollingRun_WritesAtTheRequestAndAtEachBoundary_NotAtOtherReports()
    {
        var d = FleetDriver.Create(ScaleSet(4, policy: Policy(batch: 50, unhealthy: 50)));
        var written = new List<string>();
        var skipped = 0;
        d.Observer = (_, t) =>
        {
            if (t.Checkpoint)
            {
                written.Add(string.Join("+", t.Commands.Where(c => c is RunStarted or BatchStarted or BatchEnded or RunFinished).Select(c => c.GetType().Name)));
            }
            else
            {
                skipped++;
            }
        };

        d.Send(new PatchRequested(ImagePatch("1.1.0")));
        d.Settle();

        // Written: the PATCH (it starts the run); the end-of-instant evaluation that starts batch 1; the report of the
        // batch's second instance (it ends the batch); the evaluation that starts batch 2; the report that ends it; the
        // evaluation that finishes the run. Not written: the report of each batch's first instance.
        Assert.Equal(["RunStarted", "BatchStarted", "BatchEnded", "BatchStarted", "BatchEnded", "RunFinished"], written);
        Assert.Equal(2, skipped);
    }

    [Fact]
    public void Delete_IsWritten_AndAReportAfterItIsNot()
    {
        var d = FleetDriver.Create(ScaleSet(2));

        var deleted = d.Send(new DeleteRequested());
        var late = ScaleSetMachine.Decide(deleted.State, new WakeUpDue(ScaleSetMachine.EvaluateToken), d.Now);

        Assert.Equal((true, false), (deleted.Checkpoint, late.Checkpoint));
    }
}
