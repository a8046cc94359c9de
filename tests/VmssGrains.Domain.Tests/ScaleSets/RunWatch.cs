using VmssGrains.Domain.Rolling;
using VmssGrains.Domain.ScaleSets;

namespace VmssGrains.Domain.Tests.ScaleSets;

/// <summary>
/// Watches every decision of a driven scale set and asserts the run invariants as they happen: no instance ordered
/// twice in one run (in place or by surge), no instance in two batches, no batch empty, and a health-gated run's
/// batches within their size and in one zone unless the run's policy crosses zones, and at a run's end every instance of its scope succeeded, failed
/// or (only when the run did not complete) is still pending; the only ones it may leave out are those gone, protected
/// or busy (out of scope), and all of them when the run faulted before its first batch (Azure's counters are all 0).
/// After every decision the fleet timeline's last point is the fleet as it stands.
/// </summary>
internal sealed class RunWatch
{
    private readonly Dictionary<string, HashSet<string>> scopes = new(StringComparer.Ordinal);
    private readonly HashSet<(string Run, string Instance)> ordered = [];
    private readonly HashSet<(string Run, string Instance)> surged = [];
    private readonly HashSet<(string Run, string Instance)> batched = [];

    /// <summary>Runs that ended, in order.</summary>
    public List<RunState> Ended { get; } = [];

    /// <summary>The lowest in-service count seen while a run was under way.</summary>
    public int LowestInServiceDuringRuns { get; private set; } = int.MaxValue;

    public void Observe(ScaleSetState before, ScaleSetTransition t)
    {
        foreach (var command in t.Commands)
        {
            switch (command)
            {
                case RunStarted started:
                    var run = started.Run;
                    scopes[run.RunId] = [.. run.Pending, .. run.InFlight, .. run.Succeeded, .. run.Failed.Keys];
                    break;
                case BatchStarted batch:
                    OnBatchStarted(before, batch.Run, batch.Batch);
                    break;
                case RunFinished finished:
                    OnRunFinished(t.State, finished.Run);
                    break;
                case StartOrder { Order.Tag: { Purpose: OrderPurpose.Run, RunId: { } runId } } order:
                    Assert.True(ordered.Add((runId, order.InstanceId)), $"instance {order.InstanceId} ordered twice in run {runId}");
                    break;
                case Audited { Action: "MaxSurge", Result: "Started", RunId: { } surgeRun, InstanceId: { } old }:
                    Assert.True(surged.Add((surgeRun, old)), $"instance {old} replaced twice in run {surgeRun}");
                    break;
            }
        }

        if (t.State.Exists)
        {
            // The timeline's last point is the fleet as this decision leaves it, so an instant's point does not depend
            // on the order its events came in.
            var last = t.State.Timeline[^1];
            Assert.Equal((t.State.Counts.InService, t.State.Counts.Upgrading, t.State.Counts.Unhealthy), (last.InService, last.Upgrading, last.Unhealthy));
        }

        if (t.State.Run is { IsEnded: false })
        {
            LowestInServiceDuringRuns = Math.Min(LowestInServiceDuringRuns, t.State.Counts.InService);
        }
    }

    private void OnBatchStarted(ScaleSetState before, RunState run, BatchRecord batch)
    {
        Assert.NotEmpty(batch.InstanceIds);
        Assert.All(batch.InstanceIds, id => Assert.True(batched.Add((run.RunId, id)), $"instance {id} in two batches of run {run.RunId}"));
        if (run.Gated)
        {
            // The planner sizes a batch on the fleet when it plans it; the fleet before this decision is never smaller.
            var limit = run.Policy.BatchSize(before.Instances.Count);
            Assert.True(batch.InstanceIds.Length <= limit, $"batch {batch.Index} of {batch.InstanceIds.Length} above its limit {limit}");
        }

        if (run.Gated && !run.Policy.EnableCrossZoneUpgrade)
        {
            Assert.Single(batch.InstanceIds.Select(id => before.Instances[id].Zone).Distinct());
        }
    }

    private void OnRunFinished(ScaleSetState after, RunState run)
    {
        Ended.Add(run);
        Assert.Empty(run.InFlight);
        var scope = scopes[run.RunId];
        var accounted = run.Succeeded.Concat(run.Failed.Keys).Concat(run.Pending).ToList();
        Assert.Equal(accounted.Count, accounted.Distinct().Count());
        Assert.Subset(scope, accounted.ToHashSet());
        if (run.Batches.IsEmpty && run.Code == RunStatusCode.Faulted)
        {
            Assert.Empty(accounted);
        }
        else
        {
            Assert.All(scope.Except(accounted), id => Assert.True(
                after.Instances.GetValueOrDefault(id) is null or { IsProtected: true } or { Busy: true },
                $"instance {id} of run {run.RunId} lost: neither succeeded, failed nor pending"));
        }

        Assert.True(run.Pending.IsEmpty || run.Code != RunStatusCode.Completed, $"run {run.RunId} completed with {run.Pending.Count} pending");
    }
}
