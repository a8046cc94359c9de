using System.Text.Json.Nodes;
using Orleans.Configuration;
using Xunit.Abstractions;

namespace VmssGrains.Client.Tests;

/// <summary>
/// <c>simulate</c> as a child process, interrupted with SIGINT (Ctrl+C) or SIGTERM while its embedded silo runs the
/// scenario: it stops its silo and ends with <c>error: interrupted</c>, exit 130. The test sees that the scenario
/// is under way through the embedded silo's own gateway (found among the process's listening ports), with a verb.
/// </summary>
[Trait("Category", "MultiProcess")]
[Collection(ProcessClusterCollection.Name)]
public sealed class SimulateInterruptTests(ITestOutputHelper log)
{
    private static readonly TimeSpan Busy = TimeSpan.FromSeconds(120);

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Simulate_VirtualClock_Signalled_StopsTheEmbeddedSiloAndExits130(string signal)
    {
        // 120 rolling upgrades of 2,000 instances one after another: 30 s or more of wall time on the virtual clock (30 of
        // them took 9 s on an idle 2-core machine once instances were built on their first call: too short to be sure the
        // process is still running when the signal comes).
        const int upgrades = 120;
        var scenario = ScenarioFiles.Template("Rolling", 2000, "1.0.0", [.. Enumerable.Range(0, upgrades + 1).Select(i => $"1.{i}.0")]);
        scenario.Properties()["upgradePolicy"] = new JsonObject
        {
            ["mode"] = "Rolling",
            ["rollingUpgradePolicy"] = new JsonObject { ["maxBatchInstancePercent"] = 5, ["pauseTimeBetweenBatches"] = "PT0S" },
        };
        for (var i = 1; i <= upgrades; i++)
        {
            scenario.Action($"PT{(i - 1) * 6}H1M", "update", new JsonObject { ["patch"] = ImagePatch($"1.{i}.0") });
        }

        scenario["until"] = "P31D";
        // --progress never: creating 2,000 instances can take longer than the 5 s after which a redirected standard error
        // gets progress lines, and this test asserts that it holds exactly `error: interrupted`.
        await using var vmss = SignalledProcess.Start(Repo.ClientDll, ["simulate", "--scenario", await WriteAsync(scenario), "--progress", "never"]);

        // Observable: the scenario's first rolling upgrade has started on the embedded silo.
        await Interrupted.WaitUntilAsync(vmss, () => EmbeddedAnswersAsync(vmss, "rolling-upgrade", "get-latest", "-n", "web"), "running the first upgrade", Busy);
        await Interrupted.AssertAsync(vmss, signal, log);
        Assert.Equal("", vmss.Out);
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Simulate_ScaledClock_SignalledWhileWaitingOnWallTime_Exits130(string signal)
    {
        // At scaled:1 the update at PT10M is ten minutes of wall time away once the scale set is created.
        // --progress never: on a loaded machine the wait below can pass the 5 s after which progress lines would start.
        var scenario = ScenarioFiles.Template().Action("PT10M", "update", new JsonObject { ["patch"] = ImagePatch("1.1.0") });
        scenario["until"] = "PT1H";
        await using var vmss = SignalledProcess.Start(Repo.ClientDll, ["simulate", "--scenario", await WriteAsync(scenario), "--clock", "scaled:1", "--progress", "never"]);

        // Observable: the scenario's scale set exists on the embedded silo; the driver now waits for PT10M.
        await Interrupted.WaitUntilAsync(vmss, () => EmbeddedAnswersAsync(vmss, "show", "-n", "web"), "creating the scale set", Busy);
        await Interrupted.AssertAsync(vmss, signal, log);
        Assert.Equal("", vmss.Out);
    }

    [Fact]
    public async Task Simulate_SignalledWhileItsSiloStarts_Exits130()
    {
        await using var vmss = SignalledProcess.Start(Repo.ClientDll, ["simulate", "--scenario", await WriteAsync(ScenarioFiles.Template())]);

        // Observable: the embedded silo opened its first port (the silo port; the gateway opens at the end of the start).
        await Interrupted.WaitUntilAsync(vmss, () => Task.FromResult(vmss.ListeningPorts().Count > 0), "starting its silo", Busy);
        await Interrupted.AssertAsync(vmss, "INT", log);
        Assert.Equal("", vmss.Out);
    }

    private static JsonObject ImagePatch(string version) => new()
    {
        ["properties"] = new JsonObject
        {
            ["virtualMachineProfile"] = new JsonObject
            {
                ["storageProfile"] = new JsonObject { ["imageReference"] = new JsonObject { ["id"] = $"{ScenarioFiles.ImageId}/versions/{version}" } },
            },
        },
    };

    private static async Task<string> WriteAsync(JsonObject scenario)
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("vmss-interrupt-").FullName, "scenario.json");
        await File.WriteAllTextAsync(file, scenario.ToJsonString());
        return file;
    }

    /// <summary>
    /// True when a verb run against the embedded silo of <paramref name="simulate"/> succeeds. The silo listens on two
    /// free loopback ports, its silo port and its gateway, under Orleans' default cluster id; only the gateway answers a client.
    /// </summary>
    private static async Task<bool> EmbeddedAnswersAsync(SignalledProcess simulate, params string[] args)
    {
        foreach (var port in simulate.ListeningPorts())
        {
            if ((await Cli.RunAsync([.. args, "--cluster", $"127.0.0.1:{port}", "--cluster-id", ClusterOptions.DefaultClusterId])).ExitCode == 0)
            {
                return true;
            }
        }

        return false;
    }
}
