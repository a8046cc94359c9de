using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests;

/// <summary>
/// Runs <c>simulate --output json</c> on the example scenarios once each and keeps the reports, so the tests
/// that read one example's report share a single run (each run starts an embedded silo).
/// </summary>
public sealed class SimulationReports
{
    private readonly Dictionary<string, Task<CliResult>> runs = [];

    /// <summary>The report of <c>simulate --scenario examples/{example}.json --output json</c> plus <paramref name="extra"/>.</summary>
    public async Task<(CliResult Result, JsonObject Report)> GetAsync(string example, params string[] extra)
    {
        var key = string.Join(' ', [example, .. extra]);
        lock (runs)
        {
            if (!runs.TryGetValue(key, out _))
            {
                runs[key] = Cli.RunAsync(["simulate", "--scenario", Repo.Example(example), "--output", "json", .. extra]);
            }
        }

        var result = await runs[key];
        Assert.True(result.ExitCode == 0, $"simulate {key}\n{result}");
        Assert.Equal("", result.Err);
        return (result, JsonNode.Parse(result.Out)!.AsObject());
    }
}
