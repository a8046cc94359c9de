using System.Globalization;

namespace VmssGrains.Client.Tests.Differential;

/// <summary>
/// Differential tests (issue 10): generated scenarios (<see cref="ScenarioGenerator"/>, generator seeds 1 to N) give
/// byte-identical reports on the two <see cref="DifferentialEngines"/>. CI plays <see cref="DefaultCount"/>;
/// <c>VMSS_DIFFERENTIAL_SCENARIOS=300</c> plays more, <c>VMSS_DIFFERENTIAL_FIRST_SEED=301</c> starts them elsewhere than
/// at 1, and <c>VMSS_DIFFERENTIAL_SEED=N</c> replays the one of generator seed N.
/// </summary>
public sealed class DifferentialGeneratedTests
{
    /// <summary>How many generated scenarios CI plays.</summary>
    public const int DefaultCount = 20;

    /// <summary>
    /// The generator seeds: <c>VMSS_DIFFERENTIAL_SCENARIOS</c> of them (default <see cref="DefaultCount"/>) from
    /// <c>VMSS_DIFFERENTIAL_FIRST_SEED</c> (default 1), or the one <c>VMSS_DIFFERENTIAL_SEED</c> names.
    /// </summary>
    public static TheoryData<long> GeneratorSeeds()
    {
        if (long.TryParse(Environment.GetEnvironmentVariable("VMSS_DIFFERENTIAL_SEED"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var one))
        {
            return [one];
        }

        var count = int.TryParse(Environment.GetEnvironmentVariable("VMSS_DIFFERENTIAL_SCENARIOS"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : DefaultCount;
        var first = long.TryParse(Environment.GetEnvironmentVariable("VMSS_DIFFERENTIAL_FIRST_SEED"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var f) ? f : 1;
        return [.. Enumerable.Range(0, count).Select(i => first + i)];
    }

    [Theory]
    [MemberData(nameof(GeneratorSeeds))]
    public async Task GeneratedScenario_BothEngines_SameReport(long generatorSeed)
    {
        var json = ScenarioGenerator.Generate(generatorSeed).ToJsonString();
        await DifferentialEngines.Harness.AssertSameReportAsync($"the generated scenario of generator seed {generatorSeed} (replay: VMSS_DIFFERENTIAL_SEED={generatorSeed})", json, DifferentialExampleTests.SeedOf(json));
    }

    /// <summary>Replays a scenario file on both engines (while reducing a difference): <c>VMSS_DIFFERENTIAL_FILE=path</c>.</summary>
    [SkippableFact]
    public async Task ScenarioFile_BothEngines_SameReport()
    {
        var path = Environment.GetEnvironmentVariable("VMSS_DIFFERENTIAL_FILE");
        Skip.If(string.IsNullOrEmpty(path), "set VMSS_DIFFERENTIAL_FILE to a scenario file to replay it on both engines");
        var json = await File.ReadAllTextAsync(path);
        await DifferentialEngines.Harness.AssertSameReportAsync(path, json, DifferentialExampleTests.SeedOf(json));
    }
}
