using System.Collections.Immutable;
using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.Rolling;

/// <summary>
/// The rolling upgrade algorithm (docs/behaviour.md#rolling-upgrade) as a pure function of (state, event, fleet, now). Decisions
/// (choosing a batch, the health checks) are taken only on <see cref="EvaluateDue"/>, which the grain
/// delivers at the end of an instant, so the outcome never depends on the arrival order of events due
/// at the same simulated time.
/// </summary>
public static class RollingUpgradeMachine
{
    /// <summary>Starts a run over <paramref name="scope"/>; the first batch is chosen at the end of the instant.</summary>
    public static RunTransition Start(RunState template, IEnumerable<string> scope, DateTimeOffset now)
    {
        var state = template with
        {
            Pending = [.. scope],
            Phase = RunPhase.Starting,
            Code = RunStatusCode.RollingForward,
            StartTime = now,
            LastAction = "Start",
            LastActionTime = now,
        };
        return new RunTransition(state, [new EvaluateAtEndOfInstant()]);
    }

    /// <summary>Applies one event.</summary>
    public static RunTransition Handle(RunState state, RunEvent e, IReadOnlyDictionary<string, InstanceSummary> fleet, DateTimeOffset now)
    {
        if (state.IsEnded)
        {
            return new RunTransition(state, []);
        }

        return e switch
        {
            EvaluateDue => Evaluate(state, fleet, now),
            InstanceFinished f => OnInstanceFinished(state, f.Outcome, f.Steps, now),
            PauseElapsed p when state.Phase == RunPhase.Pausing && p.Token == state.PauseToken =>
                new RunTransition(state with { Phase = RunPhase.AwaitingNextBatch }, [new EvaluateAtEndOfInstant()]),
            CancelRequested c => OnCancel(state with { Error = c.Error ?? state.Error }, now),
            InstanceReturned r => OnInstanceReturned(state, r.InstanceId, now),
            _ => new RunTransition(state, []),
        };
    }

    private static RunTransition OnInstanceFinished(RunState state, InstanceOutcome outcome, ImmutableArray<Instances.StepRecord> steps, DateTimeOffset now)
    {
        if (!state.InFlight.Contains(outcome.InstanceId))
        {
            return new RunTransition(state, []);
        }

        state = state with
        {
            InFlight = state.InFlight.Remove(outcome.InstanceId),
            Critical = CriticalInstance.Replaces(state.Critical, outcome.InstanceId, now) ? new CriticalInstance(outcome.InstanceId, now, steps) : state.Critical,
            Succeeded = outcome.Succeeded ? state.Succeeded.Add(outcome.InstanceId) : state.Succeeded,
            Failed = outcome.Succeeded ? state.Failed : state.Failed.SetItem(outcome.InstanceId, outcome),
            RolledBackSucceeded = state.RolledBackSucceeded + (outcome.RolledBack == true ? 1 : 0),
            RolledBackFailed = state.RolledBackFailed + (outcome.RolledBack == false ? 1 : 0),
        };
        return state.InFlight.IsEmpty ? EndBatch(state, now) : new RunTransition(state, []);
    }

    private static RunTransition OnInstanceReturned(RunState state, string instanceId, DateTimeOffset now)
    {
        if (!state.InFlight.Contains(instanceId))
        {
            return new RunTransition(state, []);
        }

        state = state with { InFlight = state.InFlight.Remove(instanceId), Pending = state.Pending.Add(instanceId) };
        return state.InFlight.IsEmpty ? EndBatch(state, now) : new RunTransition(state, []);
    }

    private static RunTransition EndBatch(RunState state, DateTimeOffset now)
    {
        var last = state.Batches[^1];
        state = state with
        {
            Batches = state.Batches.SetItem(state.Batches.Count - 1, last with { EndTime = now, Critical = state.Critical }),
            Critical = null,
            Phase = RunPhase.BatchEnded,
        };
        return new RunTransition(state, [new EvaluateAtEndOfInstant()]);
    }

    private static RunTransition OnCancel(RunState state, DateTimeOffset now)
    {
        state = state with { CancelRequested = true, LastAction = "Cancel", LastActionTime = now };

        // The batch in flight finishes; otherwise the run stops now.
        return state.Phase is RunPhase.InBatch or RunPhase.BatchEnded
            ? new RunTransition(state, [])
            : End(state, RunStatusCode.Cancelled, state.Error, now);
    }

    private static RunTransition Evaluate(RunState state, IReadOnlyDictionary<string, InstanceSummary> fleet, DateTimeOffset now)
    {
        var commands = ImmutableArray.CreateBuilder<RunCommand>();
        if (state.Phase == RunPhase.BatchEnded)
        {
            if (state.Gated && PostBatchBreach(state, fleet) is { } breach)
            {
                return End(state, RunStatusCode.Faulted, breach, now);
            }

            if (!state.Gated)
            {
                // Automatic, update-instances and reimage have one batch and no gate: the operation fails with
                // the error of the instances that failed, or succeeds.
                return state.Failed.IsEmpty
                    ? End(state with { Pending = StillPending(state, fleet) }, RunStatusCode.Completed, null, now)
                    : End(state with { Pending = StillPending(state, fleet) }, RunStatusCode.Failed, OperationErrors.InstancesFailed(state.ScaleSet, [.. state.Failed.Values]), now);
            }

            if (!state.Failed.IsEmpty)
            {
                state = state with { Error = RollingUpgradeErrors.WithFailed(state.ScaleSet, [.. state.Failed.Values]) };
            }

            var remaining = StillPending(state, fleet);
            if (state.CancelRequested)
            {
                return End(state, RunStatusCode.Cancelled, state.Error, now);
            }

            if (remaining.IsEmpty)
            {
                return End(state with { Pending = remaining }, RunStatusCode.Completed, state.Error, now);
            }

            if (state.Gated && state.Policy.PauseTimeBetweenBatches > TimeSpan.Zero)
            {
                var token = state.PauseToken + 1;
                return new RunTransition(
                    state with { Pending = remaining, Phase = RunPhase.Pausing, PauseToken = token },
                    [new WakeAfterPause(state.Policy.PauseTimeBetweenBatches, token)]);
            }
        }
        else if (state.Phase is not (RunPhase.Starting or RunPhase.AwaitingNextBatch))
        {
            return new RunTransition(state, []);
        }

        if (state.CancelRequested)
        {
            return End(state, RunStatusCode.Cancelled, state.Error, now);
        }

        var pending = StillPending(state, fleet);
        state = state with { Pending = pending };

        // An explicitly started OS or extension upgrade checks the fleet's health before it concludes that
        // nothing is in scope, as Azure does; a model update with nothing stale just completes.
        if (pending.IsEmpty && !(state.Gated && state.Batches.IsEmpty && state.ChecksHealthWhenEmpty))
        {
            return End(state, RunStatusCode.Completed, state.Error, now);
        }

        var all = fleet.Values.ToList();
        if (state.Gated)
        {
            if (TooUnhealthyToStartBatch(state.Policy, all) is { } unhealthy)
            {
                var first = state.Batches.IsEmpty;
                var error = RollingUpgradeErrors.UnhealthyBeforeBatch(first, state.ScaleSet, unhealthy, all.Count, state.Policy.MaxUnhealthyInstancePercent);

                // Azure reports all progress counters as 0 when the run faults before any batch.
                return End(first ? state with { Pending = [] } : state, RunStatusCode.Faulted, error, now);
            }
        }

        if (pending.IsEmpty)
        {
            return End(state, RunStatusCode.Completed, state.Error, now);
        }

        var batch = UpgradePlanner.NextBatch([.. pending.Select(id => fleet[id])], all, state.Policy, state.Gated);
        var zones = batch.Select(id => fleet[id].Zone).Distinct().ToList();
        var index = state.Batches.Count + 1;
        state = state with
        {
            Pending = pending.Except(batch),
            InFlight = [.. batch],
            Batches = state.Batches.Add(new BatchRecord(index, zones.Count == 1 ? zones[0] : null, batch, now)),
            Phase = RunPhase.InBatch,
        };
        commands.Add(new StartBatch(index, batch));
        return new RunTransition(state, commands.ToImmutable());
    }

    /// <summary>
    /// The pre-batch check of a gated run: the unhealthy instances (in id order) when there are more than
    /// maxUnhealthyInstancePercent of N allows, so that no batch may start; otherwise null.
    /// </summary>
    public static IReadOnlyList<string>? TooUnhealthyToStartBatch(RollingUpgradePolicy policy, IReadOnlyCollection<InstanceSummary> fleet)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(fleet);
        var unhealthy = fleet.Where(i => i.IsUnhealthy).Select(i => i.InstanceId).Order(InstanceOrder.Instance).ToList();
        return unhealthy.Count > policy.UnhealthyLimit(fleet.Count) ? unhealthy : null;
    }

    /// <summary>Pending instances that can still be upgraded: gone, protected or busy ones drop out of scope.</summary>
    public static ImmutableHashSet<string> StillPending(RunState state, IReadOnlyDictionary<string, InstanceSummary> fleet)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(fleet);
        return state.Pending.Where(id => !fleet.TryGetValue(id, out var i) || i.IsProtected || i.Busy).Aggregate(state.Pending, (set, id) => set.Remove(id));
    }

    private static RunError? PostBatchBreach(RunState state, IReadOnlyDictionary<string, InstanceSummary> fleet)
    {
        var upgraded = state.Succeeded.Count + state.Failed.Count;
        var unhealthy = state.Failed.Values
            .Concat(state.Succeeded
                .Where(id => fleet.TryGetValue(id, out var i) && i.IsUnhealthy)
                .Select(id => new InstanceOutcome(id, false, RollingUpgradeErrors.InstanceUnhealthy, "Instance found to be unhealthy or unreachable.")))
            .ToList();
        var denominator = state.UpgradedOverAll ? fleet.Count : upgraded;
        return state.Policy.UpgradedUnhealthyExceeded(unhealthy.Count, denominator)
            ? RollingUpgradeErrors.UpgradedUnhealthy(state.ScaleSet, unhealthy, denominator, state.Policy.MaxUnhealthyUpgradedInstancePercent)
            : null;
    }

    private static RunTransition End(RunState state, RunStatusCode code, RunError? error, DateTimeOffset now) =>
        new(state with { Code = code, Phase = RunPhase.Ended, EndTime = now, Error = error }, [new RunEnded(code)]);
}
