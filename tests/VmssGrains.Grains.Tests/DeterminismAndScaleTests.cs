using VmssGrains.Domain.Faults;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;
using VmssGrains.Domain.Time;

namespace VmssGrains.Grains.Tests;

/// <summary>Same seed → same outcome; the virtual clock's own guards (docs/clock.md#guard-tests); a 5,000-instance fleet on two silos.</summary>
[Collection(ClusterCollection.Name)]
public sealed class DeterminismAndScaleTests(ClusterFixture fixture)
{
    private static readonly TimingProfile Jittered = new()
    {
        Drain = new(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(5)),
        Reimage = new(TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(30)),
        Boot = new(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(15)),
        Extension = new(TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(30)),
    };

    [Fact]
    public async Task SameSeed_GivesTheSameFailuresAndTimes_AnotherSeedDoesNot()
    {
        var faults = new FaultRules { ExtensionFailures = [new ExtensionFault("app", 0.2, [])] };
        var first = await RunAsync("determinism", seed: 5, faults);
        var second = await RunAsync("determinism", seed: 5, faults);
        var other = await RunAsync("determinism", seed: 6, faults);

        Assert.Equal(first.Outcome, second.Outcome);
        Assert.Equal(first.Finishes, second.Finishes);
        Assert.NotEmpty(first.Failed);
        Assert.Equal(first.Failed, second.Failed);
        Assert.NotEqual(first.Failed, other.Failed);
    }

    [Fact]
    public async Task VirtualClock_TwoHundredInstances_EveryFinishTimeIsExactAndRepeatable()
    {
        const string name = "clock-guard";
        var json = Fleets.ScaleSet(200);
        var expected = ExpectedFinishes(name, json, seed: 9);

        var first = await RunAsync(name, seed: 9, FaultRules.None, json, capacity: 200);
        var second = await RunAsync(name, seed: 9, FaultRules.None, json, capacity: 200);

        Assert.Equal(expected, first.Finishes);
        Assert.Equal(expected, second.Finishes);
        Assert.Equal(expected.Max(), first.End);
        Assert.Equal(0, fixture.Clock.Underflows);
        Assert.Null(fixture.Clock.Stall);
        Assert.Equal(0, fixture.Clock.InFlight);
    }

    [Fact]
    public async Task Rolling_FiveThousandInstancesOnTwoSilos_UpgradesEveryInstanceExactlyOnce()
    {
        const string name = "fleet-5000";
        await fixture.CreateAsync(name, Fleets.ScaleSet(5000));
        var start = fixture.Now;

        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        var end = await fixture.SettleAsync();

        var run = (await fixture.ScaleSet(name).GetLatestRollingUpgradeAsync())!.Run;
        Assert.Equal((RunStatusCode.Completed, (5000, 0, 0, 0)), (run.Code, run.Progress));
        Assert.Equal(5, run.Batches.Count);
        Assert.All(run.Batches, b => Assert.Equal(1000, b.InstanceIds.Length));
        Assert.Equal(start + (5 * Fleets.Upgrade), end);
        var states = await fixture.StatesAsync(name);
        Assert.Equal(5000, states.Count);
        Assert.All(states, s => Assert.Equal((2, "1.1.0", 1), (s.ModelVersion, s.Image.Version, s.OperationSerial)));

        var management = fixture.Grains.GetGrain<IManagementGrain>(0);
        var statistics = await management.GetDetailedGrainStatistics();
        var perSilo = statistics.Where(s => s.GrainId.ToString().Contains($"/{name}/", StringComparison.Ordinal)).GroupBy(s => s.SiloAddress).ToList();
        Assert.Equal(2, perSilo.Count);
        Assert.All(perSilo, g => Assert.InRange(g.Count(), 1500, 3500));
    }

    private async Task<RunSummary> RunAsync(string name, long seed, FaultRules faults, string? json = null, int capacity = 30)
    {
        if (await fixture.ScaleSet(name).ExistsAsync())
        {
            await fixture.ScaleSet(name).DeleteAsync();
        }

        await fixture.CreateAsync(name, json ?? Fleets.ScaleSet(capacity, policy: Fleets.Policy(upgradedUnhealthy: 60)), seed, Jittered, faults);
        var start = fixture.Now;
        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        var end = await fixture.SettleAsync();
        var run = (await fixture.ScaleSet(name).GetLatestRollingUpgradeAsync())!.Run;
        var states = await fixture.StatesAsync(name);
        return new RunSummary(
            $"{run.Code} {run.Progress} {string.Join("|", run.Batches.Select(b => $"{string.Join(",", b.InstanceIds)}@{b.StartTime - start}-{b.EndTime - start}"))}",
            [.. states.Select(s => s.LastOperationEnd - start)],
            [.. run.Failed.Keys.Order(InstanceOrder.Instance)],
            end - start);
    }

    /// <summary>
    /// The timeline computed without the cluster: each instance's upgrade by the pure machine (summing its
    /// wake-ups), batches by the pure planner, each batch starting when the previous one ends.
    /// </summary>
    private static TimeSpan?[] ExpectedFinishes(string name, string json, long seed)
    {
        var model = ScaleSetModelReader.Read(name, ScaleSetModelReader.ParseObject(json), out _)!;
        var target = new ImageReference(ImageSource.Gallery, "web", "1.1.0", "g");
        var order = new UpgradeOrder
        {
            RunId = "expected",
            Kind = OperationKind.Upgrade,
            TargetModelVersion = 2,
            TargetImage = target,
            Extensions = model.Extensions,
            LoadBalancers = model.AllLoadBalancers,
            Health = new HealthCheck(HealthSourceKind.LoadBalancerProbe, TimeSpan.FromSeconds(5), 2),
            Profile = new InstanceProfileKey(name, 1, 1),
        };
        var profile = new InstanceProfile { Key = order.Profile, Seed = seed, Timing = Jittered };
        var epoch = DateTimeOffset.UnixEpoch;
        var durations = Enumerable.Range(0, model.Capacity).ToDictionary(i => $"{i}", i =>
        {
            var state = InstanceMachine.Deployed(name, $"{i}", null, i % 5, 1, target.AtVersion("1.0.0"), model.Extensions, model.AllLoadBalancers, profile.Key, epoch);
            var transition = InstanceMachine.Start(state, order, profile, epoch);
            var now = epoch;
            while (transition.Commands.OfType<WakeInstanceAfter>().SingleOrDefault() is { } wake)
            {
                now += wake.Delay;
                transition = InstanceMachine.Wake(transition.State, wake.Token, profile, now);
            }

            return now - epoch;
        });
        var fleet = durations.Keys.Select(id => new InstanceSummary { InstanceId = id, Image = target }).ToList();
        var finishes = new Dictionary<string, TimeSpan>();
        var batchStart = TimeSpan.Zero;
        foreach (var batch in UpgradePlanner.Plan(fleet, durations.Keys.ToList(), model.UpgradePolicy.RollingUpgradePolicy))
        {
            foreach (var id in batch)
            {
                finishes[id] = batchStart + durations[id];
            }

            batchStart += batch.Max(id => durations[id]);
        }

        return [.. finishes.OrderBy(kv => kv.Key, InstanceOrder.Instance).Select(kv => (TimeSpan?)kv.Value)];
    }

    private sealed record RunSummary(string Outcome, TimeSpan?[] Finishes, string[] Failed, TimeSpan End);
}
