using System.Collections.Immutable;
using VmssGrains.Domain.Planning;
using VmssGrains.Grains.Clock;
using VmssGrains.Simulation.Driving;
using VmssGrains.Simulation.Reference;
using VmssGrains.Simulation.Scenarios;

namespace VmssGrains.Simulation.Planning;

/// <summary>
/// The batch listings of a scenario (docs/planning.md#batch-listing): the scenario is played on the reference engine,
/// action by action, and at the instant an action starts an upgrade run (before the run chooses its first batch, at
/// the end of that instant) the run and the scale set's instances are read and listed by
/// <see cref="BatchPlanLister"/>. So the listing sees the fleet as the run would meet it: earlier scale-outs,
/// protection policies, faults and runs included, and the policy and model the action itself set.
/// </summary>
public static class ScenarioBatchPlans
{
    /// <summary>One listing per run an action starts, in the scenario's order.</summary>
    /// <param name="scenario">The scenario (read by <see cref="ScenarioReader"/>).</param>
    /// <param name="seedOverride">A seed that replaces the scenario's (it matters only when earlier runs draw durations or faults).</param>
    /// <param name="cancellationToken">Stops the play.</param>
    /// <exception cref="ScenarioException">The scenario's set-up was refused (as <c>simulate</c> would refuse it).</exception>
    public static async Task<ImmutableArray<ScenarioBatchPlan>> ListAsync(Scenario scenario, long? seedOverride = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var engine = new ReferenceEngine(VirtualClock.DefaultEpoch);
        var grains = new ReferenceGrains(engine);
        var plans = ImmutableArray.CreateBuilder<ScenarioBatchPlan>();
        var runner = new ScenarioRunner(grains, new ReferenceScenarioClock(engine))
        {
            AfterAction = (action, result) =>
            {
                if (Started(grains, action, result) is { } listing)
                {
                    plans.Add(new ScenarioBatchPlan(action.At, action.Name, listing));
                }

                return Task.CompletedTask;
            },
        };
        await runner.PlayActionsAsync(scenario, seedOverride, cancellationToken);
        return plans.ToImmutable();
    }

    /// <summary>The listing of the run <paramref name="action"/> has just started, or null when it started none.</summary>
    private static BatchPlanListing? Started(ReferenceGrains grains, ScenarioAction action, ActionResult result)
    {
        if (action.ScaleSet is not { } name || result.Operation is not { } operation || grains.ScaleSet(name).State is not { } state)
        {
            return null;
        }

        var runId = state.Operations.FirstOrDefault(o => o.Name == operation)?.RunId;
        var run = state.Runs.Select(r => r.Run).FirstOrDefault(r => r.RunId == runId);
        return run is { Phase: Domain.Rolling.RunPhase.Starting } ? BatchPlanLister.Of(run, state.Instances) : null;
    }
}
