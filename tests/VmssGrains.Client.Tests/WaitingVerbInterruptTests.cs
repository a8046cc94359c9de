using Xunit.Abstractions;

namespace VmssGrains.Client.Tests;

/// <summary>
/// A waiting <c>update</c> and <c>watch --until-settled</c> as child processes against a silo process on a slow clock,
/// interrupted with SIGINT (Ctrl+C) or SIGTERM while the run they wait for is rolling: exit 130, <c>error: interrupted</c>.
/// </summary>
[Trait("Category", "MultiProcess")]
[Collection(ProcessClusterCollection.Name)]
public sealed class WaitingVerbInterruptTests(SlowSiloFixture silo, ITestOutputHelper log) : IClassFixture<SlowSiloFixture>
{
    private static readonly TimeSpan Busy = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Update_SignalledWhileWaiting_Exits130AndTheRunGoesOn(string signal)
    {
        var name = $"upd-{signal.ToLowerInvariant()}";
        await silo.CreateAsync(name);
        await using var vmss = silo.StartVmss("update", "-n", name, "--set", Verbs.SetImage("web", "1.1.0"));

        // Observable: the run update started is rolling (read with another verb); update polls its operation meanwhile.
        await Interrupted.WaitUntilAsync(vmss, async () => await RunningStatusAsync(name) == "RollingForward", "rolling", Busy);
        await Interrupted.AssertAsync(vmss, signal, log);
        Assert.Equal("", vmss.Out);

        // Interrupting the wait does not cancel the operation, as with az: the run is still rolling.
        Assert.Equal("RollingForward", await RunningStatusAsync(name));
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task WatchUntilSettled_SignalledWhileTheRunRolls_Exits130(string signal)
    {
        var name = $"watch-{signal.ToLowerInvariant()}";
        await silo.CreateAsync(name);
        await silo.OkAsync("update", "-n", name, "--no-wait", "--set", Verbs.SetImage("web", "1.1.0"));
        await using var vmss = silo.StartVmss("watch", "-n", name, "--until-settled");

        // Observable: watch printed its first line, the run rolling.
        var line = $"{name}: RollingUpgrade RollingForward batch";
        await Interrupted.WaitUntilAsync(vmss, () => Task.FromResult(vmss.Out.Contains(line, StringComparison.Ordinal)), "printing the rolling run", Busy);
        await Interrupted.AssertAsync(vmss, signal, log);
        Assert.All(vmss.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => Assert.Contains(line, l, StringComparison.Ordinal));
    }

    private async Task<string?> RunningStatusAsync(string name)
    {
        var result = await silo.RunAsync("rolling-upgrade", "get-latest", "-n", name, "-o", "json");
        return result.ExitCode == 0 ? Json.ParseObject(result)["properties"]?["runningStatus"].Str("code") : null;
    }
}
