using System.Text;
using System.Text.Json;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Abstractions.Views;
using VmssGrains.Grains.Clock;
using VmssGrains.Grains.Hosting;
using VmssGrains.Simulation.Driving;
using VmssGrains.Simulation.Reference;
using VmssGrains.Simulation.Scenarios;
using VmssGrains.Tests.Shared;

namespace VmssGrains.Client.Tests;

/// <summary>
/// Runs one scenario on both engines and asserts the reports are the same, byte for byte: the report has no wall-clock
/// field (wall time is only in the table for people), so nothing is stripped. A difference is a bug in one engine.
/// </summary>
public static class EngineComparison
{
    /// <summary>
    /// <c>simulate --scenario PATH --output json</c> plus <paramref name="extra"/> on the Orleans engine (the embedded
    /// silo) and with <c>--engine reference</c>: both exit 0 with the same standard output. Returns the Orleans run. On a
    /// scaled or real clock (<c>--clock</c> in <paramref name="extra"/>, which the reference engine refuses) the timeline
    /// is not exact, and only the Orleans engine runs.
    /// </summary>
    public static async Task<CliResult> SimulateOnBothAsync(string path, params string[] extra)
    {
        var orleans = await Cli.RunAsync(["simulate", "--scenario", path, "--output", "json", .. extra]);
        Assert.True(orleans.ExitCode == 0, $"simulate {path} {string.Join(' ', extra)}\n{orleans}");
        if (extra.Contains("--clock"))
        {
            return orleans;
        }

        var reference = await Cli.RunAsync(["simulate", "--scenario", path, "--output", "json", "--engine", "reference", .. extra]);
        Assert.True(reference.ExitCode == 0, $"simulate --engine reference {path} {string.Join(' ', extra)}\n{reference}");
        AssertSame(orleans.Out, reference.Out, path);
        return orleans;
    }

    /// <summary>
    /// The report of <paramref name="scenario"/> played by <see cref="ScenarioRunner"/> on a 2-silo in-process cluster on
    /// the virtual clock, and the activity log of each of its scale sets (JSON lines).
    /// </summary>
    public static async Task<(string Report, string ActivityLog)> OnTwoSilosAsync(Scenario scenario, long? seed = null)
    {
        using var host = SimulationHost.Create(ClockSpec.Virtual);
        await using var cluster = SimulationClusters.Builder(2, host).Build();
        await cluster.DeployAsync();
        using var clock = new FaultWatchingScenarioClock(new VirtualScenarioClock(host.VirtualClock!, host.Monitor), host.Monitor);
        var report = await new ScenarioRunner(cluster.Client, clock).RunAsync(scenario, seed);
        Assert.Equal(0, host.VirtualClock!.Underflows);
        return (report.ToString(), await ActivityLogAsync(cluster.Client, scenario));
    }

    /// <summary>The report of <paramref name="scenario"/> on the reference engine, and the activity log of each of its scale sets.</summary>
    public static async Task<(string Report, string ActivityLog)> OnReferenceAsync(Scenario scenario, long? seed = null)
    {
        var engine = new ReferenceEngine(VirtualClock.DefaultEpoch);
        var grains = new ReferenceGrains(engine);
        var report = await new ScenarioRunner(grains, new ReferenceScenarioClock(engine)).RunAsync(scenario, seed);
        return (report.ToString(), await ActivityLogAsync(grains, scenario));
    }

    private static async Task<string> ActivityLogAsync(IGrainFactory grains, Scenario scenario)
    {
        var lines = new StringBuilder();
        foreach (var scaleSet in scenario.ScaleSets)
        {
            foreach (var record in await grains.GetGrain<IScaleSetGrain>(scaleSet.Name).GetActivityLogAsync(new ActivityLogQuery()))
            {
                lines.AppendLine(JsonSerializer.Serialize(record));
            }
        }

        return lines.ToString();
    }

    /// <summary>Asserts two reports are equal, naming the first line where they differ.</summary>
    public static void AssertSame(string orleans, string reference, string what)
    {
        if (orleans == reference)
        {
            return;
        }

        var a = orleans.Split('\n');
        var b = reference.Split('\n');
        var line = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i], Math.Min(a.Length, b.Length));
        Assert.Fail($"{what}: the engines' reports differ at line {line + 1}:\n  orleans:   {(line < a.Length ? a[line] : "(end)")}\n  reference: {(line < b.Length ? b[line] : "(end)")}");
    }
}
