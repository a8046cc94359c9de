using System.Diagnostics;
using System.Text.Json.Nodes;
using VmssGrains.Simulation.Driving;
using VmssGrains.Tests.Shared;
using Xunit.Abstractions;

namespace VmssGrains.Client.Tests.RealCluster;

/// <summary>
/// A silo dies mid-upgrade on a real cluster: three silo processes on Redis, a Rolling upgrade of 1,000 instances
/// started with <c>update --no-wait</c>, and once the first batch has succeeded one silo is SIGKILLed (one that does not
/// hold the scale set, or the one that does) or SIGSTOPped for 60 s and then continued. Each time the run must complete
/// with every instance upgraded exactly once and the activity log must show the interruption.
/// </summary>
[Trait("Category", "MultiProcess")]
[Trait("Category", "Redis")]
[Collection(ProcessClusterCollection.Name)]
public sealed class SiloFailureTests(ITestOutputHelper log)
{
    private const int Instances = 1000;
    private static readonly TimeSpan Overall = TimeSpan.FromMinutes(5);

    /// <summary>Which silo fails, and how.</summary>
    public enum Failure
    {
        /// <summary>SIGKILL of a silo that does not hold the scale set.</summary>
        KillOther,

        /// <summary>SIGKILL of the silo holding the scale set.</summary>
        KillHolder,

        /// <summary>SIGSTOP of the silo holding the scale set for 60 s, then SIGCONT.</summary>
        StopHolder,
    }

    [SkippableTheory]
    [InlineData(Failure.KillOther)]
    [InlineData(Failure.KillHolder)]
    [InlineData(Failure.StopHolder)]
    public async Task SiloDiesMidUpgrade_RunCompletes_EveryInstanceUpgradedOnce(Failure failure)
    {
        var unavailable = RedisServer.Unavailable;
        Skip.If(unavailable is not null, unavailable);
        Assert.True(File.Exists(Repo.SiloDll), $"build silo/ first: {Repo.SiloDll} is missing");
        using var deadline = new CancellationTokenSource(Overall);
        await using var cluster = await RedisSiloCluster.StartAsync(3, log, deadline.Token);
        try
        {
            var token = deadline.Token;
            await cluster.VmssAsync(token, "lb", "configure", "-n", "lb", "--requests-per-second", "100000", "--capacity-per-instance", "1000");
            await cluster.VmssAsync(token, "image", "publish", "--image", "web", "--version", "1.0.0");
            await cluster.VmssAsync(token, "image", "publish", "--image", "web", "--version", "1.1.0");
            await cluster.VmssAsync(token, "create", "-n", "web", "--image", "web:1.0.0", "--instance-count", $"{Instances}", "--upgrade-policy-mode", "Rolling", "--lb", "lb");
            await cluster.VmssAsync(token, "update", "-n", "web", "--set", Verbs.SetImage("web", "1.1.0"), "--no-wait");

            // Once the first batch has succeeded: a run under way, with instances in flight in the next batch.
            var before = await WaitForProgressAsync(cluster, null, p => p.Successful >= Instances / 5, token);
            cluster.Log($"progress before the failure: {before}");
            var holder = await cluster.HolderAsync(await cluster.ScaleSetAsync("web")) ?? throw new InvalidOperationException("the scale set has no activation mid-run");
            var victim = failure == Failure.KillOther ? cluster.Silos.First(s => s != holder) : holder;
            var since = Stopwatch.StartNew();
            await victim.Process.SignalAsync(failure == Failure.StopHolder ? "STOP" : "KILL");
            cluster.Log($"{failure}: silo {victim.Index} (the holder is silo {holder.Index})");

            var eviction = await cluster.WaitUntilDeadAsync(victim, since, token);
            cluster.Log($"silo {victim.Index} declared dead after {eviction.TotalSeconds:0.0} s");
            var resumed = await WaitForProgressAsync(cluster, victim, p => p.Successful > before.Successful, token);
            var resumedAfter = since.Elapsed;
            cluster.Log($"the run resumed {since.Elapsed.TotalSeconds:0.0} s after the failure: {resumed}");
            if (failure == Failure.StopHolder)
            {
                await WallTime.DelayAsync(TimeSpan.FromSeconds(60) - since.Elapsed, token);
                await victim.Process.SignalAsync("CONT");
                cluster.Log($"silo {victim.Index} continued");
            }

            var done = await WaitForProgressAsync(cluster, victim, p => p.Status != "RollingForward", token);
            cluster.Log($"the run ended {since.Elapsed.TotalSeconds:0.0} s after the failure: {done}");
            Assert.Equal(new Progress("Completed", Instances, 0, 0, 0), done);

            var instances = Json.ParseArray(await cluster.VmssAsync(token, "list-instances", "-n", "web", "-o", "json")).Select(n => n!.AsObject()).ToList();
            Assert.Equal(Instances, instances.Count);
            Assert.All(instances, i => Assert.True(i.LatestModelApplied(), $"instance {i.Str("instanceId")} is not on the latest model"));

            // The interruption is in the activity log: the orders in flight on the failed silo were given again, and the
            // scale set whose silo failed activated again. (Killing another silo may reactivate it too: the directory
            // entries that silo kept are lost with it.)
            var actions = Json.ParseArray(await cluster.VmssAsync(token, "activity-log", "-n", "web", "-o", "json"))
                .Select(r => r!.Str("action")).ToList();
            Assert.Contains("OperationsRedone", actions);
            if (failure != Failure.KillOther)
            {
                Assert.Contains("ScaleSetResumed", actions);
            }
            if (failure == Failure.KillOther)
            {
                // The gallery outlives its silo too: kill the silo holding it (none: it lived on the silo killed above
                // and nobody called it since), and both versions are still there.
                var galleryHolder = await cluster.HolderAsync(await cluster.GalleryAsync());
                if (galleryHolder is not null && !galleryHolder.Process.HasExited)
                {
                    await galleryHolder.Process.SignalAsync("KILL");
                    await cluster.WaitUntilDeadAsync(galleryHolder, Stopwatch.StartNew(), token);
                    cluster.Log($"killed silo {galleryHolder.Index}, which held the gallery");
                }

                var versions = Json.ParseArray(await cluster.VmssAsync(token, "image", "list", "-o", "json"))
                    .Select(v => $"{v!.Str("image")}:{v.Str("version")}").ToList();
                Assert.Equal(["web:1.0.0", "web:1.1.0"], versions);
            }

            cluster.Log($"eviction {eviction.TotalSeconds:0.0} s, resumed {(resumed.Status == "RollingForward" ? "" : "by the end, ")}{resumedAfter.TotalSeconds:0.0} s after the failure");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            Assert.Fail($"not done within {Overall.TotalMinutes} minutes\n{string.Join('\n', cluster.Transcript.TakeLast(10))}\n{cluster.Outputs()}");
        }
    }

    private async Task<Progress> WaitForProgressAsync(RedisSiloCluster cluster, RedisSiloCluster.Silo? failedSilo, Func<Progress, bool> until, CancellationToken cancellationToken)
    {
        while (true)
        {
            // The console in this process: a poll each second, without a process start each time.
            var result = await Cli.RunAsync("rolling-upgrade", "get-latest", "-n", "web", "-o", "json", "--cluster", cluster.GatewaysExcept(failedSilo), "--cluster-id", cluster.ClusterId);
            if (result.ExitCode == 0)
            {
                var properties = JsonNode.Parse(result.Out)!["properties"];
                var (successful, failed, inProgress, pending) = properties!["progress"].Progress();
                var progress = new Progress(properties["runningStatus"].Str("code")!, successful, failed, inProgress, pending);
                if (until(progress))
                {
                    return progress;
                }
            }
            else
            {
                log.WriteLine($"get-latest: exit {result.ExitCode}: {result.Err.Trim()}");
            }

            await WallTime.DelayAsync(TimeSpan.FromSeconds(1), cancellationToken);
        }
    }

    /// <summary>A run's status and progress counters.</summary>
    private sealed record Progress(string Status, long Successful, long Failed, long InProgress, long Pending);
}
