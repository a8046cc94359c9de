using System.Diagnostics;
using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Abstractions.Views;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;
using VmssGrains.Domain.ScaleSets;
using VmssGrains.Simulation.Driving;
using VmssGrains.Tests.Shared;
using Xunit.Abstractions;

namespace VmssGrains.Grains.Tests.Durable;

/// <summary>
/// A rolling upgrade on three silos over Redis, and a silo killed in the middle of it: the run completes, every instance
/// is upgraded and counted exactly once, and the activity log shows the interruption (docs/durability.md).
/// </summary>
public sealed class DurableResumeTests(ITestOutputHelper output)
{
    private const int Capacity = 24;

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    [Fact]
    public Task KillingASiloOfBusyInstances_NotTheScaleSets_RedoesTheirOperationsOnce() => KillMidRunAsync(killScaleSetSilo: false);

    [Fact]
    public Task KillingTheScaleSetsSilo_MidRun_ResumesTheRunFromTheStoredState() => KillMidRunAsync(killScaleSetSilo: true);

    private async Task KillMidRunAsync(bool killScaleSetSilo)
    {
        if (RedisServer.Unavailable is { } why)
        {
            output.WriteLine($"skipped: {why}");
            return;
        }

        await using var cluster = await DurableCluster.StartAsync();
        var (name, scaleSetSilo) = await ScaleSetOffThePrimaryAsync(cluster);
        var scaleSet = cluster.Grains.GetGrain<IScaleSetGrain>(name);
        await scaleSet.CreateOrUpdateAsync(
            Fleets.ScaleSet(Capacity, policy: Fleets.Policy(batch: 50, unhealthy: 50, upgradedUnhealthy: 50)),
            new SimulationSettings { Seed = 1, Timing = Fleets.Fixed });
        await scaleSet.UpdateAsync(Fleets.ImagePatch("1.1.0"));

        // The victim: the scale set's silo, or the other silo that is not the primary, once instances on it are busy.
        var victim = killScaleSetSilo ? scaleSetSilo : cluster.Cluster.Silos.Select(s => s.SiloAddress).First(s => !s.Equals(cluster.Primary) && !s.Equals(scaleSetSilo));
        var busyThere = await WaitAsync(async () =>
        {
            var busy = (await scaleSet.ListInstancesAsync()).Where(i => i.Busy).Select(i => i.InstanceId).ToList();
            var where = await cluster.WhereAsync(busy.Select(id => cluster.Grains.GetGrain<IVmInstanceGrain>(GrainKeys.Instance(name, id))));
            var there = busy.Where(id => where.TryGetValue(cluster.Grains.GetGrain<IVmInstanceGrain>(GrainKeys.Instance(name, id)).GetGrainId(), out var silo) && silo.Equals(victim)).ToList();
            return there.Count > 0 ? there : null;
        });
        var before = (await scaleSet.GetLatestRollingUpgradeAsync())!.Run.Progress;
        output.WriteLine($"killing {victim} ({(killScaleSetSilo ? "the scale set's silo" : "instances only")}); busy there: {string.Join(", ", busyThere)}; progress {before}");
        var killedAt = Stopwatch.StartNew();
        await cluster.KillAsync(victim);

        var run = await WaitAsync(async () => (await scaleSet.GetLatestRollingUpgradeAsync())?.Run is { IsEnded: true } ended ? ended : null);
        output.WriteLine($"run ended {killedAt.Elapsed.TotalSeconds:F1} s (wall) after the kill: {run.Code} {run.Progress}");

        Assert.Equal((RunStatusCode.Completed, Capacity, 0), (run.Code, run.Progress.Successful, run.Progress.Failed));
        var instances = await scaleSet.ListInstancesAsync();
        Assert.All(instances, i => Assert.Equal(("web:1.1.0", false, HealthState.Healthy), (i.Image.ToString(), i.Busy, i.Health)));
        var states = await Task.WhenAll(instances.Select(i => cluster.Grains.GetGrain<IVmInstanceGrain>(GrainKeys.Instance(name, i.InstanceId)).GetStateAsync()));
        Assert.All(states, s => Assert.Equal("web:1.1.0", s!.Image.ToString()));

        // Counted once: one result entry of an upgrade per instance in the run, whatever was redone.
        var log = await scaleSet.GetActivityLogAsync(new ActivityLogQuery { RunId = run.RunId });
        var results = log.Where(r => r.Action == "InstanceUpgrade" && r.Step is null).GroupBy(r => r.InstanceId!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Capacity, results.Count);
        Assert.All(results, r => Assert.Equal(1, r.Value));

        var all = await scaleSet.GetActivityLogAsync(new ActivityLogQuery());
        foreach (var record in all.Where(r => r.Action is "ScaleSetResumed" or "OperationsRedone"))
        {
            output.WriteLine($"{record.Time:HH:mm:ss} {record.Action} {record.Result} {record.Message}");
        }

        Assert.Contains(all, r => r.Action == "RunStarted" && r.RunId == run.RunId);
        if (killScaleSetSilo)
        {
            Assert.Contains(all, r => r.Action == "ScaleSetResumed" && r.RunId == run.RunId);
        }
        else
        {
            // The busy instances that lived on the dead silo were created again and their upgrades redone at the first check.
            var redone = all.Where(r => r.Action == "OperationsRedone").Select(r => r.Message!).ToList();
            Assert.StartsWith($"instance state lost (its silo stopped): the operations of instance(s) {string.Join(", ", busyThere)}", redone[0], StringComparison.Ordinal);
            Assert.All(redone, m => Assert.Matches("^(instance state lost \\(its silo stopped\\)|order never reached the instance): the operations of instance\\(s\\) .+ were started again$", m));
        }
    }

    /// <summary>A scale set name whose grain lands on a silo other than the primary, and that silo.</summary>
    private static async Task<(string Name, SiloAddress Silo)> ScaleSetOffThePrimaryAsync(DurableCluster cluster)
    {
        for (var i = 0; ; i++)
        {
            var grain = cluster.Grains.GetGrain<IScaleSetGrain>($"durable-{i}");
            await grain.ExistsAsync();
            var silo = (await cluster.WhereAsync([grain]))[grain.GetGrainId()];
            if (!silo.Equals(cluster.Primary))
            {
                return ($"durable-{i}", silo);
            }
        }
    }

    /// <summary>Polls <paramref name="probe"/> (wall time) until it gives a value, at most <see cref="Deadline"/>.</summary>
    private static async Task<T> WaitAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Deadline)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await WallTime.DelayAsync(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        }

        throw new TimeoutException($"nothing after {Deadline.TotalSeconds} s (wall)");
    }
}
