using System.Globalization;
using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests.Differential;

/// <summary>
/// Differential tests (issue 10): every example, every scenario the Client tests play, and generated scenarios give
/// byte-identical reports on the two <see cref="DifferentialEngines"/>. CI plays <see cref="DefaultGenerated"/>
/// generated scenarios (generator seeds 1 to N); <c>VMSS_DIFFERENTIAL_SCENARIOS=300</c> plays more, and
/// <c>VMSS_DIFFERENTIAL_SEED=N</c> replays the one of generator seed N.
/// </summary>
public sealed class DifferentialTests
{
    /// <summary>How many generated scenarios CI plays.</summary>
    public const int DefaultGenerated = 30;

    private static readonly DifferentialHarness Harness = new(DifferentialEngines.Left, DifferentialEngines.Right);

    /// <summary>The example files, by name.</summary>
    public static TheoryData<string> Examples() =>
        [.. Directory.EnumerateFiles(Path.Combine(Repo.Root, "examples"), "*.json").Select(f => Path.GetFileNameWithoutExtension(f)!).Order(StringComparer.Ordinal)];

    /// <summary>The Client tests' scenarios, by name.</summary>
    public static TheoryData<string> FromTests() => [.. TestScenarios.All().Select(s => s.Name)];

    /// <summary>The generator seeds: 1 to <c>VMSS_DIFFERENTIAL_SCENARIOS</c> (default <see cref="DefaultGenerated"/>), or the one <c>VMSS_DIFFERENTIAL_SEED</c> names.</summary>
    public static TheoryData<long> GeneratorSeeds()
    {
        if (long.TryParse(Environment.GetEnvironmentVariable("VMSS_DIFFERENTIAL_SEED"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var one))
        {
            return [one];
        }

        var count = int.TryParse(Environment.GetEnvironmentVariable("VMSS_DIFFERENTIAL_SCENARIOS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : DefaultGenerated;
        return [.. Enumerable.Range(1, count).Select(s => (long)s)];
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Example_BothEngines_SameReport(string example)
    {
        var json = await File.ReadAllTextAsync(Repo.Example(example));
        await Harness.AssertSameReportAsync($"examples/{example}.json", json, SeedOf(json));
    }

    [Theory]
    [MemberData(nameof(FromTests))]
    public async Task ClientTestScenario_BothEngines_SameReport(string name)
    {
        var json = TestScenarios.All().Single(s => s.Name == name).Scenario.ToJsonString();
        await Harness.AssertSameReportAsync($"the Client tests' scenario {name}", json, SeedOf(json));
    }

    [Theory]
    [MemberData(nameof(GeneratorSeeds))]
    public async Task GeneratedScenario_BothEngines_SameReport(long generatorSeed)
    {
        var json = ScenarioGenerator.Generate(generatorSeed).ToJsonString();
        await Harness.AssertSameReportAsync($"the generated scenario of generator seed {generatorSeed} (replay: VMSS_DIFFERENTIAL_SEED={generatorSeed})", json, SeedOf(json));
    }

    private static long SeedOf(string json) => JsonNode.Parse(json)!["seed"]?.GetValue<long>() ?? 0;
}
