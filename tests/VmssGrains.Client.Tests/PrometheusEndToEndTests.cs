using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using VmssGrains.Simulation.Driving;
using Xunit.Abstractions;

namespace VmssGrains.Client.Tests;

/// <summary>
/// The metrics as an operator sees them: a silo process on a fast clock, a Prometheus of the test's own scraping its
/// /metrics every second, a rolling upgrade driven by a client process, then exact values read back through
/// Prometheus' HTTP API, and every target of silo/grafana/vmss-rolling-upgrade.json evaluated against the result.
/// Skips without a prometheus binary unless VMSS_REQUIRE_PROMETHEUS=1 (as in .ci/run).
/// </summary>
[Trait("Category", "Prometheus")]
[Collection(ProcessClusterCollection.Name)]
public sealed class PrometheusEndToEndTests(ITestOutputHelper log)
{
    private const string ScaleSet = "prom-web";
    private const string LoadBalancer = "prom-lb";
    private const int Instances = 6;
    private const int RequestsPerSecond = 700;
    private static readonly TimeSpan Overall = TimeSpan.FromSeconds(120);

    [SkippableFact]
    public async Task SiloScrapedByPrometheus_RollingUpgradeOfSixInstances_ExportsExactValuesAndFeedsEveryDashboardPanel()
    {
        var binary = PrometheusBinary.Find();
        if (binary is null)
        {
            var reason = PrometheusBinary.NotFoundReason(Environment.GetEnvironmentVariable);
            Assert.False(PrometheusBinary.Required, $"{reason}; {PrometheusBinary.RequireVariable}=1 forbids skipping");
            Skip.If(true, reason);
        }

        Assert.True(File.Exists(Repo.SiloDll), $"build silo/ first: {Repo.SiloDll} is missing");
        Assert.True(File.Exists(Repo.ClientDll), $"build client/ first: {Repo.ClientDll} is missing");
        var dashboard = GrafanaDashboard.Load(GrafanaDashboard.RollingUpgradePath);
        using var deadline = new CancellationTokenSource(Overall);
        var clusterId = $"vmss-prom-{Guid.NewGuid():N}";
        var ports = ChildProcess.FreePorts(4);
        var (siloPort, gatewayPort, webPort, prometheusPort) = (ports[0], ports[1], ports[2], ports[3]);
        var scenarioDirectory = Directory.CreateTempSubdirectory("vmss-prom-scenario-").FullName;
        var scenario = Path.Combine(scenarioDirectory, "rolling.json");
        await File.WriteAllTextAsync(scenario, Scenario(), deadline.Token);

        var clock = Stopwatch.StartNew();
        var progress = new List<string>();
        void Step(string what)
        {
            var line = $"{clock.Elapsed.TotalSeconds:0.0} s: {what}";
            progress.Add(line);
            log.WriteLine(line);
        }

        await using var silo = ChildProcess.Start(Repo.SiloDll, SiloArgs(siloPort, gatewayPort, webPort, clusterId), SiloEnvironment);
        await using var prometheus = PrometheusServer.Start(binary!, prometheusPort, webPort);
        CliResult? client = null;
        string Logs() =>
            $"\n--- progress\n{string.Join('\n', progress)}\n--- client\n{(client is null ? "(not run)" : $"exit {client.ExitCode}\n--- stderr\n{client.Err}\n--- stdout\n{Head(client.Out)}")}" +
            $"\n--- silo (web {webPort}, gateway {gatewayPort})\n{Tail(silo.Output)}\n--- prometheus ({binary}, port {prometheusPort})\n{Tail(prometheus.Output)}";
        try
        {
            await prometheus.WaitUntilReadyAsync(deadline.Token);
            Step("prometheus ready");
            await WaitUntilServingAsync(webPort, gatewayPort, clusterId, silo, deadline.Token);
            Step("silo serves");
            await WaitUntilAsync(async () => (await prometheus.ScalarAsync($"up{{job=\"{PrometheusServer.Job}\"}}", deadline.Token)) == 1, deadline.Token);
            Step("prometheus scrapes the silo");

            client = await ChildProcess.RunAsync(
                Repo.ClientDll,
                ["simulate", "--scenario", scenario, "--cluster", $"127.0.0.1:{gatewayPort}", "--cluster-id", clusterId, "--output", "json"],
                deadline.Token);
            var clientExited = DateTimeOffset.UtcNow;
            Step($"simulate exited with {client.ExitCode}");
            Assert.True(client.ExitCode == 0, $"simulate failed{Logs()}");

            var report = JsonNode.Parse(client.Out)!;
            var scaleSet = report.Named("scaleSets", ScaleSet);
            var run = Assert.Single(scaleSet.Objects("runs"));
            Assert.True(run["runningStatus"].Str("code") == "Completed", $"the run did not complete{Logs()}");
            Assert.Equal((Instances, 0L, 0L, 0L), run["progress"].Progress());
            var batches = run.Objects("batches").Count;
            Assert.True(batches >= 2, $"a rolling upgrade of {Instances} instances in batches of 2 has several batches, the report has {batches}{Logs()}");
            Assert.Equal(0, report["load"].Whole("requestsDropped"));

            // Everything above was recorded before simulate returned: the first scrape that starts afterwards has the final values.
            var exitedAt = clientExited.ToUnixTimeMilliseconds() / 1000.0;
            var scrapedAt = 0.0;
            await WaitUntilAsync(async () => (scrapedAt = await LastScrapeAsync(prometheus, deadline.Token)) > exitedAt, deadline.Token);
            Step($"prometheus scraped {scrapedAt - exitedAt:0.000} s after simulate exited");

            var expected = new (string Query, double Value)[]
            {
                ($"sum(vmss_runs_started_total{{scaleSet=\"{ScaleSet}\"}})", 1),
                ($"sum(vmss_runs_completed_total{{scaleSet=\"{ScaleSet}\"}})", 1),
                ($"sum(vmss_instances{{scaleSet=\"{ScaleSet}\",latestModelApplied=\"true\"}})", Instances),
                ($"sum(vmss_run_instances{{scaleSet=\"{ScaleSet}\",progress=\"successful\"}})", Instances),
                ($"sum(vmss_instance_upgrade_duration_seconds_count{{scaleSet=\"{ScaleSet}\",result=\"Succeeded\"}})", Instances),
                ($"sum(vmss_batch_duration_seconds_count{{scaleSet=\"{ScaleSet}\"}})", batches),
                ($"sum(vmss_lb_backends{{loadBalancer=\"{LoadBalancer}\",state=\"inService\"}})", Instances),
                ($"sum(vmss_lb_requests_dropped_total{{loadBalancer=\"{LoadBalancer}\"}})", 0),

                // Per simulated second on a clock of 600 simulated seconds per wall second: the scenario's 700, not 420,000.
                ($"sum(vmss_lb_requests_offered_per_second{{loadBalancer=\"{LoadBalancer}\"}})", RequestsPerSecond),
                ($"sum(vmss_lb_requests_served_per_second{{loadBalancer=\"{LoadBalancer}\"}})", RequestsPerSecond),
                ($"sum(vmss_lb_requests_dropped_per_second{{loadBalancer=\"{LoadBalancer}\"}})", 0),
                ($"max(vmss_lb_target_capacity{{loadBalancer=\"{LoadBalancer}\"}})", Instances),
                ($"max(vmss_lb_in_service_percent{{loadBalancer=\"{LoadBalancer}\"}})", 100),
            };
            var observed = new Dictionary<string, double?>();
            var settled = await TryWaitUntilAsync(
                async () =>
                {
                    foreach (var (query, _) in expected)
                    {
                        observed[query] = await prometheus.ScalarAsync(query, deadline.Token);
                    }

                    return expected.All(e => observed[e.Query] == e.Value);
                },
                TimeSpan.FromSeconds(20),
                deadline.Token);
            Step(settled ? "every expected value scraped" : "some values differ");
            var table = string.Join('\n', expected.Select(e => $"  {e.Query} = {Show(observed[e.Query])} (expected {e.Value})"));
            foreach (var (query, value) in expected)
            {
                Assert.True(observed[query] == value, $"{query} = {Show(observed[query])}, expected {value}\n{table}{Logs()}");
            }

            // The dashboard's variables resolve to the test's names, and every target of every panel returns a series.
            Assert.Contains(ScaleSet, await prometheus.LabelValuesAsync("scaleSet", "vmss_instances", deadline.Token));
            Assert.Contains(LoadBalancer, await prometheus.LabelValuesAsync("loadBalancer", "vmss_lb_backends", deadline.Token));
            var targets = dashboard.Targets.ToList();
            Assert.NotEmpty(targets);
            var empty = new List<string>();
            foreach (var (panel, refId, expr) in targets)
            {
                var query = GrafanaDashboard.Substitute(expr, ScaleSet, LoadBalancer, "1m");
                JsonArray result = [];
                var answered = await TryWaitUntilAsync(async () => (result = await prometheus.QueryAsync(query, deadline.Token)).Count > 0, TimeSpan.FromSeconds(10), deadline.Token);
                log.WriteLine($"  {panel} {refId}: {query} → {result.Count} series{(answered ? $", first {Show(PrometheusServer.ValueOf(result[0]!))}" : "")}");
                if (!answered)
                {
                    empty.Add($"  {panel} {refId}: {query}");
                }
            }

            Assert.True(empty.Count == 0, $"dashboard targets without a series:\n{string.Join('\n', empty)}{Logs()}");
            Step($"all {targets.Count} dashboard targets return series");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            Assert.Fail($"not done within {Overall.TotalSeconds} s{Logs()}");
        }
        finally
        {
            Directory.Delete(scenarioDirectory, recursive: true);
        }
    }

    private static readonly Dictionary<string, string> SiloEnvironment = new()
    {
        ["DOTNET_ENVIRONMENT"] = "Production",
        ["Logging__LogLevel__Default"] = "Warning",
        ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
    };

    private static string[] SiloArgs(int siloPort, int gatewayPort, int webPort, string clusterId) =>
    [
        $"--Silo:SiloPort={siloPort}",
        $"--Silo:GatewayPort={gatewayPort}",
        $"--Silo:PrimarySiloPort={siloPort}",
        $"--Silo:WebPort={webPort}",
        $"--Silo:ClusterId={clusterId}",
        "--Simulation:Clock=scaled:600",
    ];

    /// <summary>
    /// Six instances in two zones, Rolling in batches of two (zone by zone: 2 + 1 per zone), behind a load balancer
    /// whose load one instance can carry alone, so nothing is dropped even while backends join one by one.
    /// </summary>
    private static string Scenario()
    {
        const string gallery = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/prom-image/versions";
        const string probe = $"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Network/loadBalancers/{LoadBalancer}/probes/health";
        return $$"""
            {
              "seed": 17,
              "loadBalancers": [
                { "name": "{{LoadBalancer}}",
                  "probe": { "protocol": "Http", "port": 80, "requestPath": "/health", "intervalInSeconds": 5, "numberOfProbes": 2 },
                  "load": { "requestsPerSecond": {{RequestsPerSecond}}, "capacityPerInstance": 1000 } }
              ],
              "images": [ { "name": "prom-image", "versions": ["1.0.0", "1.1.0"] } ],
              "scaleSets": [
                { "name": "{{ScaleSet}}", "sku": { "name": "Standard_D2s_v5", "capacity": {{Instances}} }, "zones": ["1", "2"],
                  "properties": {
                    "orchestrationMode": "Uniform",
                    "upgradePolicy": { "mode": "Rolling", "rollingUpgradePolicy": {
                      "maxBatchInstancePercent": 34, "maxUnhealthyInstancePercent": 34, "maxUnhealthyUpgradedInstancePercent": 20,
                      "pauseTimeBetweenBatches": "PT1M" } },
                    "virtualMachineProfile": {
                      "storageProfile": { "imageReference": { "id": "{{gallery}}/1.0.0" } },
                      "networkProfile": { "healthProbe": { "id": "{{probe}}" } } } } }
              ],
              "timing": { "drain": "PT15S", "reimage": "PT3M", "boot": "PT1M" },
              "actions": [
                { "at": "PT1M", "action": "update", "scaleSet": "{{ScaleSet}}",
                  "patch": { "properties": { "virtualMachineProfile": { "storageProfile": { "imageReference": { "id": "{{gallery}}/1.1.0" } } } } } }
              ]
            }
            """;
    }

    /// <summary>Waits until the silo's web port answers /metrics and its gateway serves a client (in this process: cheap).</summary>
    private static async Task WaitUntilServingAsync(int webPort, int gatewayPort, string clusterId, ChildProcess silo, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await WaitUntilAsync(
            async () =>
            {
                Assert.False(silo.HasExited, $"the silo exited:\n{silo.Output}");
                try
                {
                    using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{webPort}/metrics"), cancellationToken);
                    return response.IsSuccessStatusCode
                        && (await Cli.RunAsync("image", "list", "--cluster", $"127.0.0.1:{gatewayPort}", "--cluster-id", clusterId)).ExitCode == 0;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            cancellationToken);
    }

    /// <summary>The start time (Unix seconds) of Prometheus' last scrape of the silo if it succeeded, else 0.</summary>
    private static async Task<double> LastScrapeAsync(PrometheusServer prometheus, CancellationToken cancellationToken)
    {
        // timestamp() gives the sample's time only when applied to a plain selector (timestamp(up == 1) is the evaluation time).
        var up = $"up{{job=\"{PrometheusServer.Job}\"}}";
        return await prometheus.ScalarAsync(up, cancellationToken) == 1 && await prometheus.ScalarAsync($"timestamp({up})", cancellationToken) is { } at ? at : 0;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; the overall deadline ends it.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, CancellationToken cancellationToken)
    {
        while (!await condition())
        {
            await WallTime.DelayAsync(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    /// <summary>Polls <paramref name="condition"/> until it holds or <paramref name="within"/> passed; returns whether it held.</summary>
    private static async Task<bool> TryWaitUntilAsync(Func<Task<bool>> condition, TimeSpan within, CancellationToken cancellationToken)
    {
        var until = Stopwatch.StartNew();
        while (!await condition())
        {
            if (until.Elapsed > within)
            {
                return false;
            }

            await WallTime.DelayAsync(TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        return true;
    }

    private static string Show(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "(no series)";

    private static string Head(string text, int lines = 40)
    {
        var all = text.Split('\n');
        return all.Length <= lines ? text : $"{string.Join('\n', all[..lines])}\n[{all.Length - lines} more lines]";
    }

    private static string Tail(string text, int lines = 60)
    {
        var all = text.Split('\n');
        return all.Length <= lines ? text : $"[{all.Length - lines} earlier lines]\n{string.Join('\n', all[^lines..])}";
    }
}
