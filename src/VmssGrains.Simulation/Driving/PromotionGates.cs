using System.Globalization;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Domain;
using VmssGrains.Domain.Fleet;
using VmssGrains.Domain.Time;
using VmssGrains.Simulation.Scenarios;

namespace VmssGrains.Simulation.Driving;

/// <summary>
/// The gated actions of a scenario (<c>after</c>, docs/contracts.md#promotion-gates) while <see cref="ScenarioRunner"/>
/// plays it: which have been decided, which wait for an operation under way (armed), and which are ready because the
/// operation they wait for ended. The decision itself is the domain's (<see cref="PromotionGate"/>).
/// </summary>
internal sealed class PromotionGates(IGrainFactory grains, Scenario scenario, DateTimeOffset start)
{
    private readonly List<ScenarioAction> waiting = [.. scenario.Actions.Where(a => a.Gate is not null).OrderBy(FileIndex)];
    private readonly Dictionary<string, ActionResult> played = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ScenarioAction> byPath = ByPath(scenario);

    /// <summary>A gate whose awaited action has been played waits for its operation.</summary>
    public bool AnyArmed => waiting.Any(a => played.ContainsKey(a.Gate!.Awaits));

    /// <summary>Remembers what an action did, for the gates that wait for it.</summary>
    public void Played(ScenarioAction action, ActionResult result) => played[action.Path] = result;

    /// <summary>True when some gate is ready (<see cref="ReadyAsync"/>): for <see cref="IScenarioClock.AdvanceUntilAsync"/>.</summary>
    public async Task<bool> AnyReadyAsync(CancellationToken cancellationToken) => (await ReadyAsync(cancellationToken)).Count > 0;

    /// <summary>
    /// The gates whose awaited action ended (its operation is done, or it ended when played: failed at once, skipped),
    /// each with the awaited outcome, in order of the time it ended, then of the file. They are taken off the waiting list.
    /// </summary>
    public async Task<List<(ScenarioAction Action, GateVerdict Verdict, DateTimeOffset At)>> TakeReadyAsync(CancellationToken cancellationToken)
    {
        var ready = await ReadyAsync(cancellationToken);
        var decided = new List<(ScenarioAction, GateVerdict, DateTimeOffset)>(ready.Count);
        foreach (var (action, status, code, at) in ready.OrderBy(r => r.At).ThenBy(r => FileIndex(r.Action)))
        {
            var gate = action.Gate!;
            var snapshot = await grains.GetGrain<IScaleSetGrain>(gate.ScaleSet).GetSnapshotAsync(cancellationToken);
            var verdict = PromotionGate.Decide(gate.ScaleSet, Describe(byPath[gate.Awaits]), status, code, IsoDuration.Format(at - start), snapshot.Instances, gate.MaxFailedInstancePercent);
            waiting.Remove(action);
            decided.Add((action, verdict, at));
        }

        return decided;
    }

    /// <summary>The gates still waiting when the scenario ended at <paramref name="end"/>, each skipped, in file order.</summary>
    public async Task<List<ActionResult>> TakeUnendedAsync(DateTimeOffset end, CancellationToken cancellationToken)
    {
        var skipped = new List<ActionResult>();
        foreach (var action in waiting)
        {
            var gate = action.Gate!;
            var status = played.TryGetValue(gate.Awaits, out var awaited) ? (await StatusAsync(awaited, cancellationToken)).Status : null;
            var verdict = PromotionGate.NotEnded(gate.ScaleSet, Describe(byPath[gate.Awaits]), status, IsoDuration.Format(end - start));
            skipped.Add(Skipped(action, verdict, end));
        }

        waiting.Clear();
        return skipped;
    }

    /// <summary>The report's entry of a gated action its gate did not let through.</summary>
    public ActionResult Skipped(ScenarioAction action, GateVerdict verdict, DateTimeOffset at) =>
        new(at - start, action.Name, action.ScaleSet, "Skipped", verdict.Code, verdict.Message);

    private async Task<List<(ScenarioAction Action, string Status, string? Code, DateTimeOffset At)>> ReadyAsync(CancellationToken cancellationToken)
    {
        var ready = new List<(ScenarioAction, string, string?, DateTimeOffset)>();
        foreach (var action in waiting)
        {
            if (played.TryGetValue(action.Gate!.Awaits, out var awaited) && await StatusAsync(awaited, cancellationToken) is { Status: not "InProgress" } outcome)
            {
                ready.Add((action, outcome.Status, outcome.Code, outcome.At));
            }
        }

        return ready;
    }

    /// <summary>How the awaited action stands: its operation's status and end, or its own status and time when it started none.</summary>
    private async Task<(string Status, string? Code, DateTimeOffset At)> StatusAsync(ActionResult awaited, CancellationToken cancellationToken)
    {
        if (awaited.Operation is { } name && awaited.ScaleSet is { } scaleSet)
        {
            try
            {
                var operation = await grains.GetGrain<IScaleSetGrain>(scaleSet).GetOperationAsync(name, cancellationToken);
                return (operation.Status, operation.ErrorCode, operation.EndTime ?? start + awaited.At);
            }
            catch (AzureException)
            {
                // The scale set was deleted since: the status as played is all there is.
            }
        }

        return (awaited.Status, awaited.ErrorCode, start + awaited.At);
    }

    /// <summary>An action as the gate's message names it: <c>update at PT1M</c>, or <c>gated update at PT31M</c> once played.</summary>
    private string Describe(ScenarioAction action)
    {
        if (action.Gate is null)
        {
            return $"{action.Name} at {IsoDuration.Format(action.At)}";
        }

        return played.TryGetValue(action.Path, out var result) ? $"gated {action.Name} at {IsoDuration.Format(result.At)}" : $"gated {action.Name}";
    }

    /// <summary>The timeline's entries by JSON path; a timed fault is two entries (its start and end) at one path, and only actions are awaited.</summary>
    private static Dictionary<string, ScenarioAction> ByPath(Scenario scenario)
    {
        var byPath = new Dictionary<string, ScenarioAction>(StringComparer.Ordinal);
        foreach (var action in scenario.Actions)
        {
            byPath.TryAdd(action.Path, action);
        }

        return byPath;
    }

    /// <summary>The action's index in the (expanded) file: <c>$.actions[12]</c> is 12.</summary>
    private static int FileIndex(ScenarioAction action)
    {
        var path = action.Path;
        var open = path.IndexOf('[', StringComparison.Ordinal);
        var close = path.IndexOf(']', StringComparison.Ordinal);
        return open >= 0 && close > open && int.TryParse(path.AsSpan(open + 1, close - open - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : int.MaxValue;
    }
}
