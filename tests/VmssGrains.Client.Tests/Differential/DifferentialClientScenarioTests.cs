namespace VmssGrains.Client.Tests.Differential;

/// <summary>Differential tests (issue 10): every scenario of <see cref="TestScenarios"/> gives byte-identical reports on the two <see cref="DifferentialEngines"/>.</summary>
public sealed class DifferentialClientScenarioTests
{
    /// <summary>The Client tests' scenarios, by name.</summary>
    public static TheoryData<string> FromTests() => [.. TestScenarios.All().Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(FromTests))]
    public async Task ClientTestScenario_BothEngines_SameReport(string name)
    {
        var json = TestScenarios.All().Single(s => s.Name == name).Scenario.ToJsonString();
        await DifferentialEngines.Harness.AssertSameReportAsync($"the Client tests' scenario {name}", json, DifferentialExampleTests.SeedOf(json));
    }
}
