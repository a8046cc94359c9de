using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests.Differential;

/// <summary>
/// Plays one scenario on two engines and asserts byte-identical reports. The report holds no wall-clock field (only
/// the summary for people prints the wall time; docs/report.md), so nothing is removed before comparing. A difference
/// fails with where the scenario came from (for a generated one its generator seed), the first differing JSON path
/// with both values, and the scenario itself.
/// </summary>
public sealed class DifferentialHarness(IEngine left, IEngine right)
{
    /// <summary>Asserts that both engines give the same report for <paramref name="scenarioJson"/> and <paramref name="seed"/>.</summary>
    /// <param name="source">Where the scenario came from, with what replays it (<c>generator seed 17 (VMSS_DIFFERENTIAL_SEED=17)</c>).</param>
    /// <param name="scenarioJson">The scenario.</param>
    /// <param name="seed">The simulation seed both engines run with.</param>
    public async Task AssertSameReportAsync(string source, string scenarioJson, long seed)
    {
        // The two runs share nothing (each has its own silos and clock), so they run side by side.
        var runs = new[] { left, right }.Select(e => RunAsync(e, source, scenarioJson, seed)).ToArray();
        var reports = await Task.WhenAll(runs);
        if (ReportDifference.Of(reports[0], reports[1]) is { } difference)
        {
            // Both reports stay on disk for a closer look; the message names them.
            var files = Path.Combine(Path.GetTempPath(), $"vmss-differential-{Guid.NewGuid():N}");
            Directory.CreateDirectory(files);
            await File.WriteAllTextAsync(Path.Combine(files, "scenario.json"), Indented(scenarioJson));
            await File.WriteAllTextAsync(Path.Combine(files, "left.json"), reports[0]);
            await File.WriteAllTextAsync(Path.Combine(files, "right.json"), reports[1]);
            Assert.Fail($"""
                {left.Name} and {right.Name} differ on {source}, simulation seed {seed}
                {difference.Path}:
                  {left.Name}: {difference.Left}
                  {right.Name}: {difference.Right}
                (the scenario and both reports: {files}/scenario.json, left.json, right.json)
                scenario:
                {Indented(scenarioJson)}
                """);
        }
    }

    private static async Task<string> RunAsync(IEngine engine, string source, string scenarioJson, long seed)
    {
        try
        {
            return await engine.RunAsync(scenarioJson, seed);
        }
        catch (EngineFailedException e)
        {
            throw new EngineFailedException($"{e.Message}\non {source}, simulation seed {seed}; scenario:\n{Indented(scenarioJson)}", e);
        }
    }

    private static string Indented(string json) => JsonNode.Parse(json)!.ToJsonString(VmssGrains.Abstractions.Json.JsonText.Indented);
}
