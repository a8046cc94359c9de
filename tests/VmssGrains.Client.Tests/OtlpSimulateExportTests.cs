using System.Text.Json.Nodes;
using VmssGrains.Domain.Time;
using VmssGrains.Grains.Clock;

namespace VmssGrains.Client.Tests;

/// <summary>
/// <c>simulate</c> as a user runs it, configured only through the standard OTEL variables, exporting to a real
/// OTLP/HTTP receiver process: every metric, span and log record that arrives is checked against the report the
/// same run printed.
/// </summary>
[Trait("Category", "Otlp")]
[Collection(ProcessClusterCollection.Name)]
public sealed class OtlpSimulateExportTests
{
    private const string Service = "vmss-simulate";
    private static readonly TimeSpan Overall = TimeSpan.FromSeconds(180);

    [Fact]
    public async Task Simulate_ConfiguredOnlyByOtelVariables_DeliversVmssMetricsRunBatchInstanceSpansAndLogs()
    {
        Assert.True(File.Exists(Repo.ClientDll), $"build client/ first: {Repo.ClientDll} is missing");
        using var deadline = new CancellationTokenSource(Overall);
        await using var receiver = await OtlpReceiverProcess.StartAsync(deadline.Token);
        var result = await ChildProcess.RunAsync(
            Repo.ClientDll, ["simulate", "--scenario", Repo.Example("seed-6vm-rolling"), "-o", "json"], deadline.Token, receiver.ExportVariables());
        Assert.True(result.ExitCode == 0, $"simulate failed\n{result}\n--- receiver\n{receiver.Log}");

        // simulate flushes when its silo starts stopping and again when it is disposed, each export waits for the
        // receiver's answer, and the receiver writes an export before answering it: all of it is here now.
        var telemetry = receiver.Read();
        var report = JsonNode.Parse(result.Out)!;
        string Context() => $"\n--- receiver\n{receiver.Log}\n--- simulate stderr\n{result.Err}";
        Assert.True(telemetry.Items.Count > 0, $"nothing arrived{Context()}");
        Assert.Equal([Service], telemetry.Items.Select(i => i.Str("service")).Distinct());

        var run = AssertSpans(telemetry, report);
        AssertMetrics(telemetry, report, run);
        AssertLogs(telemetry, run);
    }

    /// <summary>One run span, three batch spans under it, six instance operations under their batches, six steps under each.</summary>
    private static OtlpSpan AssertSpans(OtlpTelemetry telemetry, JsonNode report)
    {
        var epoch = VirtualClock.DefaultEpoch;
        DateTimeOffset At(JsonNode? node, string name) => epoch + (IsoDuration.TryParse(node.Str(name), out var offset) ? offset : throw new InvalidOperationException($"{name} of {node?.ToJsonString()}"));

        var spans = telemetry.Spans.Where(s => s.Scope == "VmssGrains").ToList();
        var reportRun = Assert.Single(report.Named("scaleSets", "api").Objects("runs"));
        var run = Assert.Single(spans, s => s.Name == "RollingUpgrade api");
        Assert.Equal(At(reportRun["runningStatus"], "startTime"), run.Start);
        Assert.Equal(At(reportRun["runningStatus"], "endTime"), run.End);
        Assert.Equal(("RollingUpgrade", "User", "Completed", 6L, 0L), (run.Attributes.Str("kind"), run.Attributes.Str("startedBy"), run.Attributes.Str("code"), run.Attributes.Whole("successfulInstanceCount"), run.Attributes.Whole("failedInstanceCount")));
        var runId = run.Attributes.Str("runId")!;

        var reportBatches = reportRun.Objects("batches");
        var batches = telemetry.Children(run);
        Assert.Equal(["batch 1", "batch 2", "batch 3"], batches.Select(b => b.Name));
        Assert.Equal(3, reportBatches.Count);
        var operations = 0;
        foreach (var (batch, reported) in batches.Zip(reportBatches))
        {
            Assert.Equal((At(reported, "startTime"), At(reported, "endTime")), (batch.Start, batch.End));
            Assert.Equal((runId, (long)reported.Strings("instanceIds").Count), (batch.Attributes.Str("runId"), batch.Attributes.Whole("instanceCount")));
            var children = telemetry.Children(batch);
            Assert.Equal(reported.Strings("instanceIds").Select(id => $"instance {id} Upgrade").Order(), children.Select(c => c.Name).Order());
            foreach (var operation in children)
            {
                AssertSteps(telemetry, operation, batch, runId);
                operations++;
            }
        }

        Assert.Equal(6, operations);
        Assert.All(spans, s => Assert.Equal(run.TraceId, s.TraceId));
        Assert.Equal(1 + 3 + 6 + (6 * 6), spans.Count);
        return run;
    }

    /// <summary>An instance operation's step spans: drain to probe back to back from its start, then the rejoin marker at its end.</summary>
    private static void AssertSteps(OtlpTelemetry telemetry, OtlpSpan operation, OtlpSpan batch, string runId)
    {
        Assert.Equal((runId, "Upgrade", "2024.07.0", "Succeeded"), (operation.Attributes.Str("runId"), operation.Attributes.Str("kind"), operation.Attributes.Str("imageVersion"), operation.Attributes.Str("result")));
        Assert.True(operation.Start >= batch.Start && operation.End <= batch.End, $"{operation} outside {batch}");
        var steps = telemetry.Children(operation);
        Assert.Equal(["drain", "reimage", "boot", "extension install-python-api", "probe", "rejoin"], steps.Select(s => s.Name));
        Assert.Equal(operation.Start, steps[0].Start);
        for (var i = 1; i < steps.Count - 1; i++)
        {
            Assert.Equal(steps[i - 1].End, steps[i].Start);
        }

        Assert.Equal((operation.End, operation.End), (steps[^2].End, steps[^1].Start));
        Assert.All(steps, s => Assert.Equal(operation.Attributes.Str("instanceId"), s.Attributes.Str("instanceId")));
    }

    /// <summary>The final value of every vmss.* series, the load balancer's among them, against the report and the spans.</summary>
    private static void AssertMetrics(OtlpTelemetry telemetry, JsonNode report, OtlpSpan run)
    {
        Assert.Equal(
            [
                "vmss.batch.duration", "vmss.instance.upgrade.duration", "vmss.instances",
                "vmss.lb.backends", "vmss.lb.in_service.percent", "vmss.lb.requests.dropped", "vmss.lb.requests.dropped.per_second",
                "vmss.lb.requests.offered", "vmss.lb.requests.offered.per_second", "vmss.lb.requests.served", "vmss.lb.requests.served.per_second",
                "vmss.lb.target_capacity",
                "vmss.run.instances", "vmss.runs.completed", "vmss.runs.started",
                "vmss.unhealthy.limit.percent", "vmss.unhealthy.percent", "vmss.upgraded_unhealthy.limit.percent", "vmss.upgraded_unhealthy.percent",
            ],
            telemetry.MetricNames(Service, "vmss."));
        var runId = run.Attributes.Str("runId");
        Dictionary<string, double?> Values(string metric) => telemetry.Final(Service, metric).ToDictionary(kv => kv.Key, kv => kv.Value.Value);

        Assert.Equal(new Dictionary<string, double?> { ["kind=RollingUpgrade,scaleSet=api,startedBy=User"] = 1 }, Values("vmss.runs.started"));
        Assert.Equal(new Dictionary<string, double?> { ["kind=RollingUpgrade,scaleSet=api,startedBy=User"] = 1 }, Values("vmss.runs.completed"));
        var instances = Values("vmss.instances");
        Assert.Equal(6, instances["health=Healthy,latestModelApplied=true,scaleSet=api,state=Running"]);
        Assert.All(instances.Where(kv => kv.Key != "health=Healthy,latestModelApplied=true,scaleSet=api,state=Running"), kv => Assert.Equal(0, kv.Value));
        Assert.Equal(
            new Dictionary<string, double?>
            {
                [$"kind=RollingUpgrade,progress=failed,runId={runId},scaleSet=api"] = 0,
                [$"kind=RollingUpgrade,progress=inProgress,runId={runId},scaleSet=api"] = 0,
                [$"kind=RollingUpgrade,progress=pending,runId={runId},scaleSet=api"] = 0,
                [$"kind=RollingUpgrade,progress=successful,runId={runId},scaleSet=api"] = 6,
            },
            Values("vmss.run.instances"));

        var batches = telemetry.Children(run);
        var batchDuration = Assert.Single(telemetry.Final(Service, "vmss.batch.duration")).Value;
        Assert.Equal($"runId={runId},scaleSet=api,zone=", batchDuration.Series);
        Assert.Equal(3, batchDuration.Count);
        Assert.Equal(batches.Sum(b => (b.End - b.Start).TotalSeconds), batchDuration.Sum!.Value, 6);
        var operations = batches.SelectMany(telemetry.Children).ToList();
        var upgradeDuration = Assert.Single(telemetry.Final(Service, "vmss.instance.upgrade.duration")).Value;
        Assert.Equal("imageVersion=2024.07.0,kind=Upgrade,result=Succeeded,scaleSet=api", upgradeDuration.Series);
        Assert.Equal(6, upgradeDuration.Count);
        Assert.Equal(operations.Sum(o => (o.End - o.Start).TotalSeconds), upgradeDuration.Sum!.Value, 6);

        // The load balancer's observable instruments, read while its grain was active (the flush at stopping).
        Assert.Equal(
            new Dictionary<string, double?> { ["loadBalancer=api-lb,state=inPool"] = 6, ["loadBalancer=api-lb,state=inService"] = 6, ["loadBalancer=api-lb,state=registered"] = 6 },
            Values("vmss.lb.backends"));
        Assert.Equal(new Dictionary<string, double?> { ["loadBalancer=api-lb"] = 100 }, Values("vmss.lb.in_service.percent"));
        var load = report["load"].Named("loadBalancers", "api-lb");
        Assert.Equal(new Dictionary<string, double?> { ["loadBalancer=api-lb"] = load.Whole("requestsOffered") }, Values("vmss.lb.requests.offered"));
        Assert.Equal(new Dictionary<string, double?> { ["loadBalancer=api-lb"] = load.Whole("requestsServed") }, Values("vmss.lb.requests.served"));
        Assert.Equal(new Dictionary<string, double?> { ["loadBalancer=api-lb"] = load.Whole("requestsDropped") }, Values("vmss.lb.requests.dropped"));

        // After the run every instance serves: the offered 3,000 requests per simulated second are all served.
        Assert.Equal(new Dictionary<string, double?> { ["loadBalancer=api-lb"] = 6 }, Values("vmss.lb.target_capacity"));
        Assert.Equal(new Dictionary<string, double?> { ["loadBalancer=api-lb"] = 3000 }, Values("vmss.lb.requests.offered.per_second"));
        Assert.Equal(new Dictionary<string, double?> { ["loadBalancer=api-lb"] = 3000 }, Values("vmss.lb.requests.served.per_second"));
        Assert.Equal(new Dictionary<string, double?> { ["loadBalancer=api-lb"] = 0 }, Values("vmss.lb.requests.dropped.per_second"));
    }

    /// <summary>The activity log's records: one per scale set action, batch, instance step and instance outcome.</summary>
    private static void AssertLogs(OtlpTelemetry telemetry, OtlpSpan run)
    {
        var audit = telemetry.Logs.Where(l => l.Scope == "VmssGrains.Audit").ToList();
        var expected = new Dictionary<string, int>
        {
            ["CreateOrUpdate Succeeded -"] = 1,
            ["Update Accepted -"] = 1,
            ["RunStarted Started -"] = 1,
            ["BatchStarted Started -"] = 3,
            ["BatchCompleted Succeeded -"] = 3,
            ["InstanceUpgrade Succeeded drain"] = 6,
            ["InstanceUpgrade Succeeded reimage"] = 6,
            ["InstanceUpgrade Succeeded boot"] = 6,
            ["InstanceUpgrade Succeeded extension"] = 6,
            ["InstanceUpgrade Succeeded probe"] = 6,
            ["InstanceUpgrade Succeeded -"] = 6,
            ["RunCompleted Completed -"] = 1,
        };
        var received = audit.GroupBy(l => $"{l["Action"]} {l["Result"]} {l["Step"] ?? "-"}").ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(expected.OrderBy(kv => kv.Key, StringComparer.Ordinal), received.OrderBy(kv => kv.Key, StringComparer.Ordinal));
        Assert.All(audit, l => Assert.Equal(("Information", "api"), (l.Severity, l["ScaleSet"])));
        Assert.All(audit, l => Assert.False(string.IsNullOrEmpty(l.Body)));
        var runId = run.Attributes.Str("runId");
        Assert.All(audit.Where(l => l["Action"] is not "CreateOrUpdate" and not "Update"), l => Assert.Equal(runId, l["RunId"]));

        // The run started inside the update's call: its record belongs to the run's trace.
        Assert.Equal(run.TraceId, Assert.Single(audit, l => l["Action"] == "RunStarted").TraceId);
    }
}
