using CsCheck;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;
using static VmssGrains.Domain.Tests.TestData;

namespace VmssGrains.Domain.Tests;

public class PropertyTests
{
    private const int Iterations = 400;

    private static readonly string[] ZoneNames = ["1", "2", "10"];

    /// <summary>A random fleet, the stale instances in scope, a valid policy, and which upgrades fail.</summary>
    public sealed record Scenario(List<InstanceSummary> Fleet, string[] Scope, RollingUpgradePolicy Policy, HashSet<string> Failing)
    {
        public override string ToString() =>
            $"N={Fleet.Count} scope=[{string.Join(",", Scope)}] failing=[{string.Join(",", Failing)}] policy={Policy} " +
            $"fleet=[{string.Join(" ", Fleet.Select(i => $"{i.InstanceId}:{i.Zone ?? "-"}:{i.Health}"))}]";
    }

    private static readonly Gen<RollingUpgradePolicy> PolicyGen =
        Gen.Select(Gen.Int[5, 100], Gen.Int[5, 100], Gen.Int[0, 100], Gen.Bool, Gen.Bool, (batch, unhealthy, upgraded, crossZone, prioritize) => new RollingUpgradePolicy
        {
            MaxBatchInstancePercent = batch,
            MaxUnhealthyInstancePercent = unhealthy,
            MaxUnhealthyUpgradedInstancePercent = upgraded,
            EnableCrossZoneUpgrade = crossZone,
            PrioritizeUnhealthyInstances = prioritize,
        });

    private static readonly Gen<Scenario> ScenarioGen =
        from n in Gen.Int[1, 60]
        from zoneCount in Gen.Int[0, 3]
        from zones in Gen.Int[0, 2].Array[n]
        from health in Gen.Int[0, 11].Array[n]
        from stale in Gen.Int[0, 3].Array[n]
        from fails in Gen.Int[0, 5].Array[n]
        from policy in PolicyGen
        select Build(n, zoneCount, zones, health, stale, fails, policy);

    private static Scenario Build(int n, int zoneCount, int[] zones, int[] health, int[] stale, int[] fails, RollingUpgradePolicy policy)
    {
        List<InstanceSummary> fleet = [.. Enumerable.Range(0, n).Select(i => Instance(
            Id(i),
            zoneCount == 0 ? null : ZoneNames[zones[i] % zoneCount],
            health[i] switch { 0 => HealthState.Unhealthy, 1 => HealthState.Unknown, _ => HealthState.Healthy }))];
        return new Scenario(
            fleet,
            [.. Enumerable.Range(0, n).Where(i => stale[i] != 0).Select(Id)],
            policy,
            [.. Enumerable.Range(0, n).Where(i => fails[i] == 0).Select(Id)]);
    }

    private static string? ZoneOf(Scenario s, string id) => s.Fleet[int.Parse(id, System.Globalization.CultureInfo.InvariantCulture)].Zone;

    [Fact]
    public void Plan_RandomFleets_EveryScopeInstanceInExactlyOneBatch()
    {
        ScenarioGen.Sample(
            s =>
            {
                var plan = UpgradePlanner.Plan(s.Fleet, s.Scope, s.Policy);

                Assert.Equal(s.Scope, plan.SelectMany(b => b).Order(InstanceOrder.Instance));
            },
            iter: Iterations);
    }

    [Fact]
    public void Plan_RandomFleets_NoBatchEmptyOrAboveBatchSize()
    {
        ScenarioGen.Sample(
            s =>
            {
                var plan = UpgradePlanner.Plan(s.Fleet, s.Scope, s.Policy);

                // docs/behaviour.md#batch-sizing-and-zones: floor(pct × N / 100), at least 1, N = all instances.
                var limit = Math.Max(1, s.Policy.MaxBatchInstancePercent * s.Fleet.Count / 100);
                Assert.All(plan, b => Assert.InRange(b.Length, 1, limit));
            },
            iter: Iterations);
    }

    [Fact]
    public void Plan_RandomZonedFleetsWithoutCrossZone_NoBatchMixesZonesAndZonesAscend()
    {
        ScenarioGen.Sample(
            s =>
            {
                var policy = s.Policy with { EnableCrossZoneUpgrade = false };

                var zones = UpgradePlanner.Plan(s.Fleet, s.Scope, policy)
                    .Select(b => Assert.Single(b.Select(id => ZoneOf(s, id)).Distinct()))
                    .ToList();

                Assert.Equal(zones.Order(Comparer<string?>.Create(InstanceOrder.CompareZones)), zones);
            },
            iter: Iterations);
    }

    [Fact]
    public void Plan_RandomFleetsUngated_OneBatchOfTheWholeScope()
    {
        ScenarioGen.Sample(
            s =>
            {
                var plan = UpgradePlanner.Plan(s.Fleet, s.Scope, s.Policy, gated: false);

                Assert.Equal(s.Scope.Length == 0 ? 0 : 1, plan.Length);
            },
            iter: Iterations);
    }

    /// <summary>
    /// Runs the rolling upgrade against a simulated fleet: a started instance is busy until it finishes, then healthy, or
    /// unhealthy when it is one of <see cref="Scenario.Failing"/>. Checks the run's invariants as it goes.
    /// </summary>
    private static void RunToEnd(Scenario s)
    {
        var fleet = ById(s.Fleet);
        var n = fleet.Count;
        var limit = s.Policy.UnhealthyLimit(n);
        var started = new HashSet<string>(StringComparer.Ordinal);
        var template = new RunState { RunId = "run", ScaleSet = "prop", Policy = s.Policy };
        var transition = RollingUpgradeMachine.Start(template, s.Scope, T0);
        var breachExpected = false;
        for (var step = 0; step < 1000; step++)
        {
            var next = transition.Commands.Single();
            switch (next)
            {
                case EvaluateAtEndOfInstant:
                    transition = RollingUpgradeMachine.Handle(transition.State, new EvaluateDue(), fleet, T0);
                    break;

                case StartBatch batch:
                    Assert.False(breachExpected, "a batch started after the post-batch limit was crossed");
                    Assert.True(fleet.Values.Count(i => i.IsUnhealthy) <= limit, "a batch started while too many instances were unhealthy");
                    foreach (var id in batch.InstanceIds)
                    {
                        Assert.True(started.Add(id), $"instance {id} started twice");
                        Assert.Contains(id, s.Scope);
                        fleet[id] = fleet[id] with { Busy = true };
                    }

                    foreach (var id in batch.InstanceIds)
                    {
                        var fails = s.Failing.Contains(id);
                        fleet[id] = fleet[id] with { Busy = false, Health = fails ? HealthState.Unhealthy : HealthState.Healthy };
                        transition = RollingUpgradeMachine.Handle(transition.State, new InstanceFinished(new InstanceOutcome(id, !fails)), fleet, T0);
                    }

                    // The oracle of docs/behaviour.md#post-batch-check: unhealthy upgraded instances over those upgraded so far.
                    var unhealthyUpgraded = started.Count(id => fleet[id].IsUnhealthy);
                    breachExpected = (long)unhealthyUpgraded * 100 > (long)s.Policy.MaxUnhealthyUpgradedInstancePercent * started.Count;
                    break;

                case WakeAfterPause pause:
                    transition = RollingUpgradeMachine.Handle(transition.State, new PauseElapsed(pause.Token), fleet, T0);
                    break;

                case RunEnded ended:
                    var state = transition.State;
                    Assert.Equal(breachExpected, state.Error?.Code == RollingUpgradeErrors.UpgradedExceeded);
                    if (breachExpected)
                    {
                        Assert.Equal(RunStatusCode.Faulted, ended.Code);
                    }

                    if (state.Error?.Code is RollingUpgradeErrors.BeforeRollingUpgrade or RollingUpgradeErrors.InRollingUpgrade)
                    {
                        Assert.True(fleet.Values.Count(i => i.IsUnhealthy) > limit, "pre-batch fault without too many unhealthy instances");
                    }

                    if (ended.Code == RunStatusCode.Completed)
                    {
                        Assert.Equal(s.Scope, started.Order(InstanceOrder.Instance));
                    }

                    Assert.Equal(started.Count, state.Succeeded.Count + state.Failed.Count);
                    return;

                default:
                    Assert.Fail($"unexpected command {next}");
                    break;
            }
        }

        Assert.Fail("the run did not end");
    }

    [Fact]
    public void Run_RandomFleetsWithFailures_KeepsTheRunInvariants()
    {
        ScenarioGen.Sample(RunToEnd, iter: Iterations);
    }

    [Fact]
    public void Run_RandomHealthyFleetsWithoutFailures_CompleteEveryScopeInstance()
    {
        ScenarioGen.Sample(
            s =>
            {
                var healthy = s with
                {
                    Fleet = [.. s.Fleet.Select(i => i with { Health = HealthState.Healthy })],
                    Failing = [],
                };
                var fleet = ById(healthy.Fleet);
                var transition = RollingUpgradeMachine.Start(new RunState { RunId = "run", ScaleSet = "prop", Policy = s.Policy }, s.Scope, T0);
                while (!transition.State.IsEnded)
                {
                    transition = transition.Commands.Single() switch
                    {
                        StartBatch b => b.InstanceIds.Aggregate(transition, (t, id) => RollingUpgradeMachine.Handle(t.State, new InstanceFinished(new InstanceOutcome(id, true)), fleet, T0)),
                        _ => RollingUpgradeMachine.Handle(transition.State, new EvaluateDue(), fleet, T0),
                    };
                }

                Assert.Equal(RunStatusCode.Completed, transition.State.Code);
                Assert.Equal(s.Scope.Length, transition.State.Succeeded.Count);
            },
            iter: Iterations);
    }
}
