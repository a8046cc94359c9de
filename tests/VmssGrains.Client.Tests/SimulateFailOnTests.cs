using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests;

/// <summary>
/// <c>simulate --fail-on faulted|cancelled|failed-instances</c>: the report is printed unchanged, and the exit code is
/// 3 with one line naming the first matching run; without <c>--fail-on</c> (or when nothing matches) it is 0.
/// Scenario files go to a temporary directory per test.
/// </summary>
public sealed class SimulateFailOnTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("vmss-fail-on-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    /// <summary>
    /// 10 instances at 20 %: the first batch is 0 and 1, which never become healthy on 1.1.0 (PT1M + 4 min of
    /// work + the 5-minute health wait = PT10M); 2 of 2 upgraded unhealthy is over 20 %: Faulted, 8 pending.
    /// </summary>
    [Fact]
    public async Task FailOnFaulted_RunFaulted_Exits3AfterTheSameReport()
    {
        var path = Write("faulted.json", FaultingScenario());
        var plain = await Cli.OkAsync("simulate", "--scenario", path, "--output", "json");

        var gated = await Cli.RunAsync("simulate", "--scenario", path, "--output", "json", "--fail-on", "faulted");

        Assert.Equal(3, gated.ExitCode);
        Assert.Equal("error: --fail-on faulted: scale set 'web': RollingUpgrade run started at PT1M ended Faulted, 2 failed instance(s)", gated.ErrorLine);
        Assert.Equal(plain.Out, gated.Out);
        var run = Assert.Single(Json.ParseObject(gated).Named("scaleSets", "web").Objects("runs"));
        Assert.Equal("Faulted", run["runningStatus"].Str("code"));
        Assert.Equal((0, 2, 0, 8), run["progress"].Progress());
        Assert.Equal("", plain.Err);
    }

    [Fact]
    public async Task FailOnFailedInstances_RunWithFailedInstances_Exits3AndPrintsTheTable()
    {
        var path = Write("failed-instances.json", FaultingScenario());
        var result = await Cli.RunAsync("simulate", "--scenario", path, "--fail-on", "failed-instances");
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("error: --fail-on failed-instances: scale set 'web': RollingUpgrade run started at PT1M ended Faulted, 2 failed instance(s)", result.ErrorLine);
        Assert.Contains("RollingUpgrade run started by User at PT1M: Faulted at PT10M · 0 succeeded, 2 failed, 8 pending", result.Out, StringComparison.Ordinal);
        Assert.Contains("Load: min in service 80 %", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailOnCancelled_RunFaultedNotCancelled_Exits0()
    {
        var path = Write("not-cancelled.json", FaultingScenario());
        var result = await Cli.RunAsync("simulate", "--scenario", path, "--fail-on", "cancelled");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Err);
        Assert.Contains("Faulted at PT10M", result.Out, StringComparison.Ordinal);
    }

    /// <summary>4 instances, one per batch: the cancel at PT2M lets the first batch (instance 0) finish at PT5M10S.</summary>
    [Fact]
    public async Task FailOnCommaList_RunCancelled_NamesTheFirstConditionItMatches()
    {
        var path = Write("cancelled.json", CancellingScenario());
        var result = await Cli.RunAsync("simulate", "--scenario", path, "--fail-on", "faulted,cancelled");
        Assert.Equal(3, result.ExitCode);
        Assert.Equal("error: --fail-on cancelled: scale set 'web': RollingUpgrade run started at PT1M ended Cancelled, 0 failed instance(s)", result.ErrorLine);
        Assert.Contains("RollingUpgrade run started by User at PT1M: Cancelled at PT5M10S · 1 succeeded, 0 failed, 3 pending", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FailOnRepeated_RunCancelledWithoutFailures_Exits0()
    {
        var path = Write("cancelled.json", CancellingScenario());
        var result = await Cli.RunAsync("simulate", "--scenario", path, "--fail-on", "failed-instances", "--fail-on", "faulted");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Err);
    }

    [Fact]
    public async Task FailOnEveryOutcome_DemoCompletes_Exits0()
    {
        var result = await Cli.RunAsync("simulate", "--fail-on", "faulted,cancelled", "--fail-on", "failed-instances");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Err);
        Assert.Contains("RollingUpgrade run started by User at PT1M: Completed at PT24M21S · 6 succeeded, 0 failed, 0 pending", result.Out, StringComparison.Ordinal);
    }

    /// <summary>Without --fail-on, simulate exits 0 whatever its runs did.</summary>
    [Fact]
    public async Task WithoutFailOn_BadImage1000Faults_Exits0ButWithFailOnExits3()
    {
        var gated = await Cli.RunAsync("simulate", "--scenario", Repo.Example("bad-image-1000"), "--fail-on", "FAULTED");
        Assert.Equal(3, gated.ExitCode);
        Assert.Equal("error: --fail-on faulted: scale set 'fleet': RollingUpgrade run started at PT5M ended Faulted, 59 failed instance(s)", gated.ErrorLine);
        Assert.Contains("RollingUpgrade run started by User at PT5M: Faulted at PT17M14S · 141 succeeded, 59 failed, 800 pending", gated.Out, StringComparison.Ordinal);

        var path = Write("faulted.json", FaultingScenario());
        var plain = await Cli.RunAsync("simulate", "--scenario", path);
        Assert.Equal(0, plain.ExitCode);
        Assert.Equal("", plain.Err);
        Assert.Contains("Faulted at PT10M", plain.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sometimes", "sometimes")]
    [InlineData("faulted,crashed", "crashed")]
    [InlineData("faulted,", "")]
    public async Task FailOn_UnknownOutcome_IsAUsageErrorNamingIt(string value, string bad)
    {
        var result = await Cli.RunAsync("simulate", "--fail-on", value);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: --fail-on: '{bad}' is not an outcome; use faulted, cancelled, failed-instances (a comma list, or the option repeated) (see --help)", result.ErrorLine);
        Assert.Equal("", result.Out);
    }

    /// <summary>10 Rolling instances; instances 0 and 1 never become healthy on 1.1.0; the update at PT1M.</summary>
    private static JsonObject FaultingScenario()
    {
        var scenario = Scenario(10);
        scenario["faults"] = new JsonArray(new JsonObject
        {
            ["kind"] = "unhealthyAfterUpgrade",
            ["scaleSet"] = "web",
            ["imageVersion"] = "1.1.0",
            ["instanceIds"] = new JsonArray("0", "1"),
        });
        return scenario;
    }

    /// <summary>4 Rolling instances, the update at PT1M, a cancel at PT2M.</summary>
    private static JsonObject CancellingScenario()
    {
        var scenario = Scenario(4);
        scenario["actions"]!.AsArray().Add(new JsonObject { ["at"] = "PT2M", ["action"] = "cancel", ["scaleSet"] = "web" });
        return scenario;
    }

    private static JsonObject Scenario(int capacity)
    {
        const string gallery = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/web/versions";
        var scenario = JsonNode.Parse($$"""
            {
              "seed": 1,
              "loadBalancers": [ { "name": "web-lb", "probe": { "protocol": "Http", "port": 80 } } ],
              "images": [ { "name": "web", "versions": [ "1.0.0", "1.1.0" ] } ],
              "scaleSets": [ {
                "name": "web",
                "sku": { "capacity": {{capacity}} },
                "properties": {
                  "upgradePolicy": { "mode": "Rolling", "rollingUpgradePolicy": { "maxBatchInstancePercent": 20 } },
                  "virtualMachineProfile": {
                    "storageProfile": { "imageReference": { "id": "{{gallery}}/1.0.0" } },
                    "networkProfile": { "healthProbe": { "id": "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/loadBalancers/web-lb/probes/http" } }
                  }
                }
              } ],
              "actions": [ { "at": "PT1M", "action": "update", "scaleSet": "web",
                "patch": { "properties": { "virtualMachineProfile": { "storageProfile": { "imageReference": { "id": "{{gallery}}/1.1.0" } } } } } } ]
            }
            """)!.AsObject();
        return scenario;
    }

    private string Write(string name, JsonObject scenario)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, scenario.ToJsonString());
        return path;
    }
}
