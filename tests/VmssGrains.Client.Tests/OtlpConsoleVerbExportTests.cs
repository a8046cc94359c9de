using System.Diagnostics;
using VmssGrains.Simulation.Driving;
using Xunit.Abstractions;

namespace VmssGrains.Client.Tests;

/// <summary>
/// A console verb as its own process against a silo process on a scaled clock, both exporting to a real OTLP/HTTP
/// receiver process through the standard OTEL variables: the verb's span arrives from the console, is the ancestor
/// of the run it started in the silo, and carries the cluster's simulated times, not the console's wall time.
/// </summary>
[Trait("Category", "Otlp")]
[Collection(ProcessClusterCollection.Name)]
public sealed class OtlpConsoleVerbExportTests(ITestOutputHelper log)
{
    private const string ScaleSet = "otlp-web";
    private const double Scale = 60;
    private static readonly TimeSpan Overall = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task UpdateVerb_ConfiguredOnlyByOtelVariables_ExportsItsSpanOnSimulatedTimeAsTheAncestorOfTheSilosRun()
    {
        Assert.True(File.Exists(Repo.SiloDll), $"build silo/ first: {Repo.SiloDll} is missing");
        Assert.True(File.Exists(Repo.ClientDll), $"build client/ first: {Repo.ClientDll} is missing");
        using var deadline = new CancellationTokenSource(Overall);
        await using var receiver = await OtlpReceiverProcess.StartAsync(deadline.Token);
        var clusterId = $"vmss-otlp-{Guid.NewGuid():N}";
        var ports = ChildProcess.FreePorts(3);
        var (siloPort, gatewayPort, webPort) = (ports[0], ports[1], ports[2]);

        // The silo exports its spans a fifth of a second after they end rather than after the default five seconds.
        var siloEnvironment = new Dictionary<string, string>(receiver.ExportVariables())
        {
            ["DOTNET_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        };
        await using var silo = ChildProcess.Start(
            Repo.SiloDll,
            [$"--Silo:SiloPort={siloPort}", $"--Silo:GatewayPort={gatewayPort}", $"--Silo:PrimarySiloPort={siloPort}", $"--Silo:WebPort={webPort}", $"--Silo:ClusterId={clusterId}", $"--Simulation:Clock=scaled:{Scale}"],
            siloEnvironment);
        var cluster = new[] { "--cluster", $"127.0.0.1:{gatewayPort}", "--cluster-id", clusterId };
        CliResult? update = null;
        string Context() => $"\n--- update\n{update}\n--- receiver\n{receiver.Log}\n--- silo\n{silo.Output}";
        try
        {
            await WaitUntilServingAsync(cluster, silo, deadline.Token);

            // Set-up from this process (it exports nothing), then the verb under test as a process of its own.
            await Cli.OkAsync(["image", "publish", "--image", "web", "--version", "1.0.0", .. cluster]);
            await Cli.OkAsync(["image", "publish", "--image", "web", "--version", "1.1.0", .. cluster]);
            await Cli.OkAsync(["create", "-n", ScaleSet, "--image", "web:1.0.0", "--instance-count", "1", "--upgrade-policy-mode", "Rolling", "--application-health-extension", .. cluster]);
            var wall = Stopwatch.StartNew();
            update = await ChildProcess.RunAsync(Repo.ClientDll, ["update", "-n", ScaleSet, "--set", Verbs.SetImage("web", "1.1.0"), "-o", "json", .. cluster], deadline.Token, receiver.ExportVariables());
            log.WriteLine($"vmss update: exit {update.ExitCode} after {wall.Elapsed.TotalSeconds:0.0} s");
            Assert.True(update.ExitCode == 0, $"update failed{Context()}");

            // The console's exports were answered before it exited; the silo's run span follows within its schedule delay.
            var telemetry = await receiver.WaitUntilAsync(t => t.Spans.Any(s => s.Service == "vmss-silo" && s.Name == $"RollingUpgrade {ScaleSet}"), deadline.Token);
            var verb = Assert.Single(telemetry.Spans, s => s.Name == "vmss update");
            Assert.Equal(("vmss-cli", "VmssGrains.Client", "client", "", "unset"), (verb.Service, verb.Scope, verb.Kind, verb.ParentSpanId, verb.Status));
            Assert.Equal($"scaled:{Scale}", verb.Attributes.Str("simulation.clock"));
            var run = Assert.Single(telemetry.Spans, s => s.Name == $"RollingUpgrade {ScaleSet}");
            Assert.Equal(("vmss-silo", "VmssGrains", verb.TraceId), (run.Service, run.Scope, run.TraceId));

            // Console to silo through Orleans' activity propagation: the update call's client span, then its server span.
            var ancestors = telemetry.Ancestors(run);
            Assert.Equal(
                [("vmss-silo", "IScaleSetGrain/UpdateAsync", "server"), ("vmss-cli", "IScaleSetGrain/UpdateAsync", "client"), ("vmss-cli", "vmss update", "client")],
                ancestors.Select(a => (a.Service, a.Name, a.Kind)));
            Assert.Equal(verb.SpanId, ancestors[^1].SpanId);

            AssertSimulatedTimes(telemetry, verb, run);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            Assert.Fail($"not done within {Overall.TotalSeconds} s{Context()}");
        }
    }

    /// <summary>
    /// The verb's span starts and ends at the cluster's simulated time. On scaled:60 simulated time is the silo's wall
    /// time scaled by 60 from its anchor, so two readings differ by exactly 60 times the wall time between them (to a
    /// tick). The verb's first reading and the run's start both happen within the console's calls from the start of its
    /// clock call to the end of its update call (wall times of Orleans' client spans, on the same machine's clock): the
    /// run starts at most 60 times that interval after the verb, a few simulated seconds.
    /// </summary>
    private void AssertSimulatedTimes(OtlpTelemetry telemetry, OtlpSpan verb, OtlpSpan run)
    {
        var calls = telemetry.Children(verb);
        var clockCall = calls[0];
        Assert.Equal(("vmss-cli", "IClusterClockGrain/GetNowAsync"), (clockCall.Service, clockCall.Name));
        var updateCall = Assert.Single(calls, c => c.Name == "IScaleSetGrain/UpdateAsync");
        var bound = TimeSpan.FromTicks((long)((updateCall.End - clockCall.Start).Ticks * Scale) + 1);
        log.WriteLine($"verb {verb.Start:O}..{verb.End:O}, run {run.Start:O}..{run.End:O}, run starts {(run.Start - verb.Start).TotalSeconds:0.000} s after the verb, bound {bound.TotalSeconds:0.000} s");
        Assert.True(verb.Start <= run.Start, $"the verb's span starts at {verb.Start:O}, after its run at {run.Start:O}");
        Assert.True(run.Start - verb.Start <= bound, $"the run starts {run.Start - verb.Start} after the verb's span, more than {bound} (= {Scale} x the wall time from the clock call to the end of the update call)");

        // update waits for its run: the verb's span ends with or after it.
        Assert.True(verb.End >= run.End, $"the verb's span ends at {verb.End:O}, before its run ends at {run.End:O}");
    }

    /// <summary>Polls <c>image list</c> on the gateway (in this process: cheap) until the silo answers.</summary>
    private static async Task WaitUntilServingAsync(string[] cluster, ChildProcess silo, CancellationToken cancellationToken)
    {
        while ((await Cli.RunAsync(["image", "list", .. cluster])).ExitCode != 0)
        {
            Assert.False(silo.HasExited, $"the silo exited:\n{silo.Output}");
            await WallTime.DelayAsync(TimeSpan.FromMilliseconds(250), cancellationToken);
        }
    }
}
