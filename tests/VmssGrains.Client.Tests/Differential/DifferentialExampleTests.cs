using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests.Differential;

/// <summary>
/// Differential tests (issue 10), one class per corpus so that xunit plays the corpora side by side: every example file
/// gives byte-identical reports on the two <see cref="DifferentialEngines"/>.
/// </summary>
public sealed class DifferentialExampleTests
{
    /// <summary>The example files, by name (<see cref="Repo.PlayedExamples"/>).</summary>
    public static TheoryData<string> Examples() => [.. Repo.PlayedExamples()];

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Example_BothEngines_SameReport(string example)
    {
        var json = await File.ReadAllTextAsync(Repo.Example(example));
        await DifferentialEngines.Harness.AssertSameReportAsync($"examples/{example}.json", json, SeedOf(json));
    }

    /// <summary>The scenario's own seed (0 without one), as <c>simulate</c> uses it without <c>--seed</c>.</summary>
    public static long SeedOf(string json) => JsonNode.Parse(json)!["seed"]?.GetValue<long>() ?? 0;
}
