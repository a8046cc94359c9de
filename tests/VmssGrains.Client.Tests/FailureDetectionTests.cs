using System.Diagnostics;
using VmssGrains.Simulation.Driving;
using VmssGrains.Tests.Shared;
using Xunit.Abstractions;

namespace VmssGrains.Client.Tests;

/// <summary>
/// Silo processes on the Redis store as an operator meets them: a SIGKILLed silo is declared dead by the survivors
/// within seconds, a paused silo that was declared dead exits with one line when it resumes, an unreachable Redis is
/// one line at start, and SIGTERM ends a silo whose Redis is gone.
/// </summary>
[Trait("Category", "MultiProcess")]
[Collection(ProcessClusterCollection.Name)]
public sealed class FailureDetectionTests(ITestOutputHelper log)
{
    /// <summary>The bound on eviction: FailureDetection's 2 missed probes of at most 4 s, votes and a table refresh fit in it with room for load.</summary>
    private static readonly TimeSpan EvictionBound = TimeSpan.FromSeconds(15);

    [SkippableFact]
    public async Task SigkilledSilo_IsDeclaredDeadBySurvivors_WithinSeconds()
    {
        Skip.If(RedisServer.Unavailable is not null, RedisServer.Unavailable);
        await using var redis = await RedisServer.StartAsync();
        var clusterId = $"evict-{Guid.NewGuid():N}";
        var ports = Enumerable.Range(0, 3).Select(_ => SiloProcesses.Ports()).ToArray();
        await using var a = SiloProcesses.Start(ports[0], clusterId, redis.ConnectionString);
        await using var b = SiloProcesses.Start(ports[1], clusterId, redis.ConnectionString);
        await using var c = SiloProcesses.Start(ports[2], clusterId, redis.ConnectionString);
        using var client = await ConnectWhenServingAsync(ports[0][1], clusterId, a);
        await SiloProcesses.WaitActiveAsync(client, [.. ports.Select(p => p[0])], [a, b, c]);

        var clock = Stopwatch.StartNew();
        await c.SignalAsync("KILL");
        var seen = await WaitForStatusAsync(client, ports[2][0], SiloStatus.Dead, EvictionBound);

        log.WriteLine($"SIGKILL to Dead in the survivors' membership: {seen.TotalSeconds:0.0} s (bound {EvictionBound.TotalSeconds} s)");
        var membership = await SiloProcesses.MembershipAsync(client);
        Assert.Equal(SiloStatus.Active, membership[ports[0][0]]);
        Assert.Equal(SiloStatus.Active, membership[ports[1][0]]);
        Assert.Equal(SiloStatus.Dead, membership[ports[2][0]]);
    }

    [SkippableFact]
    public async Task PausedSiloDeclaredDead_ExitsOnResumeWithOneLine_Exit1()
    {
        Skip.If(RedisServer.Unavailable is not null, RedisServer.Unavailable);
        await using var redis = await RedisServer.StartAsync();
        var clusterId = $"pause-{Guid.NewGuid():N}";
        var ports = Enumerable.Range(0, 2).Select(_ => SiloProcesses.Ports()).ToArray();
        await using var a = SiloProcesses.Start(ports[0], clusterId, redis.ConnectionString);
        await using var b = SiloProcesses.Start(ports[1], clusterId, redis.ConnectionString);
        using var client = await ConnectWhenServingAsync(ports[0][1], clusterId, a);
        await SiloProcesses.WaitActiveAsync(client, [.. ports.Select(p => p[0])], [a, b]);

        await b.SignalAsync("STOP");
        TimeSpan seen;
        try
        {
            seen = await WaitForStatusAsync(client, ports[1][0], SiloStatus.Dead, EvictionBound);
        }
        finally
        {
            await b.SignalAsync("CONT");
        }

        // On resuming it reads the table, finds itself dead, and stops: one line, exit 1, within its shutdown timeout.
        var resumed = Stopwatch.StartNew();
        Assert.True(await b.WaitForExitAsync(TimeSpan.FromSeconds(40)), $"still running 40 s after SIGCONT:\n{b}");
        log.WriteLine($"SIGSTOP to Dead: {seen.TotalSeconds:0.0} s; SIGCONT to exit {b.ExitCode}: {resumed.Elapsed.TotalSeconds:0.0} s");
        Assert.True(b.ExitCode == 1, $"exit {b.ExitCode}:\n{b}");

        // One line, also when the pause came before the silo's start had finished.
        Assert.True(b.Err == "error: the cluster declared this silo dead (it missed its liveness probes: paused, overloaded or cut off); stopping: start it again to rejoin as a new silo\n", $"stderr:\n{b.Err}");
        Assert.False(a.HasExited, $"the survivor exited:\n{a}");
    }

    [SkippableFact]
    public async Task RedisUnreachableAtStart_OneLineNamingIt_Exit1()
    {
        Skip.If(RedisServer.Unavailable is not null, RedisServer.Unavailable);
        var port = ChildProcess.FreePorts(1)[0];
        await using var silo = SiloProcesses.Start(SiloProcesses.Ports(), $"down-{Guid.NewGuid():N}", $"127.0.0.1:{port}");

        Assert.True(await silo.WaitForExitAsync(TimeSpan.FromSeconds(60)), $"still running 60 s after start:\n{silo}");
        Assert.True(silo.ExitCode == 1, $"exit {silo.ExitCode}:\n{silo}");
        Assert.Equal($"error: ConnectionStrings:Redis: cannot connect to Redis at 127.0.0.1:{port} (UnableToConnect); start Redis or correct the connection string\n", silo.Err);
    }

    [SkippableFact]
    public async Task RedisGoneThenSigterm_SiloEndsWithinItsShutdownTimeout()
    {
        Skip.If(RedisServer.Unavailable is not null, RedisServer.Unavailable);
        var clusterId = $"gone-{Guid.NewGuid():N}";
        var ports = SiloProcesses.Ports();
        SignalledProcess silo;
        await using (var redis = await RedisServer.StartAsync())
        {
            silo = SiloProcesses.Start(ports, clusterId, redis.ConnectionString);
            using var client = await ConnectWhenServingAsync(ports[1], clusterId, silo);
            await SiloProcesses.WaitActiveAsync(client, [ports[0]], [silo]);
            await client.StopAsync();
        }

        await using (silo)
        {
            var clock = Stopwatch.StartNew();
            await silo.SignalAsync("TERM");

            // Orleans' stop retries the lost store past the host's 15 s; the silo's watchdog ends it at 16 s.
            Assert.True(await silo.WaitForExitAsync(TimeSpan.FromSeconds(25)), $"still running 25 s after SIGTERM:\n{silo}");
            log.WriteLine($"SIGTERM with Redis gone: exit {silo.ExitCode} after {clock.Elapsed.TotalSeconds:0.0} s");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed.TotalSeconds:0.0} s");
            if (silo.ExitCode != 0)
            {
                Assert.True(silo.ExitCode == 1, $"exit {silo.ExitCode}:\n{silo}");
                Assert.Equal("error: the silo did not stop within 16 s (is its store reachable?); exiting without leaving the cluster cleanly\n", silo.Err);
            }
        }
    }

    /// <summary>A test client through <paramref name="gatewayPort"/>, once the silo serves (its gateway opens late in its start).</summary>
    private static async Task<Microsoft.Extensions.Hosting.IHost> ConnectWhenServingAsync(int gatewayPort, string clusterId, SignalledProcess silo)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await SiloProcesses.ClientAsync(gatewayPort, clusterId);
            }
            catch (Exception e) when (e is not Xunit.Sdk.XunitException)
            {
                Assert.False(silo.HasExited, $"the silo exited before serving:\n{silo}");
                Assert.True(clock.Elapsed < SiloProcesses.Starts, $"no gateway at {gatewayPort} within {SiloProcesses.Starts.TotalSeconds} s: {e.Message}\n{silo}");
                await WallTime.DelayAsync(TimeSpan.FromMilliseconds(500), CancellationToken.None);
            }
        }
    }

    /// <summary>Polls the membership until the silo at <paramref name="siloPort"/> has <paramref name="status"/>; returns how long that took; fails after <paramref name="limit"/>.</summary>
    private static async Task<TimeSpan> WaitForStatusAsync(Microsoft.Extensions.Hosting.IHost client, int siloPort, SiloStatus status, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var membership = await SiloProcesses.MembershipAsync(client);
            if (membership.TryGetValue(siloPort, out var now) && now == status)
            {
                return clock.Elapsed;
            }

            Assert.True(clock.Elapsed < limit, $"silo {siloPort} not {status} within {limit.TotalSeconds} s: {string.Join(", ", membership.Select(m => $"{m.Key}={m.Value}"))}");
            await WallTime.DelayAsync(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        }
    }
}
