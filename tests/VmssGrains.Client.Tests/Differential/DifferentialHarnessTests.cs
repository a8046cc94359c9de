namespace VmssGrains.Client.Tests.Differential;

/// <summary>The harness itself: it finds the first difference and says where, and it passes identical reports.</summary>
public sealed class DifferentialHarnessTests
{
    private const string Report = """
        {
          "seed": 7,
          "scaleSets": [ { "name": "api", "runs": [ { "batches": [ { "index": 1, "endTime": "PT7M34S" } ] } ] } ],
          "actions": []
        }
        """;

    [Fact]
    public void Difference_AValueDeepInAnArray_NamesItsPathAndBothValues()
    {
        var other = Report.Replace("PT7M34S", "PT7M35S", StringComparison.Ordinal);

        Assert.Equal(new ReportDifference("$.scaleSets[0].runs[0].batches[0].endTime", "\"PT7M34S\"", "\"PT7M35S\""), ReportDifference.Of(Report, other));
    }

    [Fact]
    public void Difference_AnArrayOneLonger_NamesTheExtraElement()
    {
        var other = Report.Replace("\"actions\": []", "\"actions\": [ { \"at\": \"PT1M\" } ]", StringComparison.Ordinal);

        Assert.Equal(new ReportDifference("$.actions[0]", "(absent)", "{\"at\":\"PT1M\"}"), ReportDifference.Of(Report, other));
    }

    [Fact]
    public void Difference_MembersInAnotherOrder_NamesTheFirstMemberOutOfPlace()
    {
        const string left = """{ "a": 1, "b": 2 }""";
        const string right = """{ "b": 2, "a": 1 }""";

        Assert.Equal(new ReportDifference("$.a", "1", "1"), ReportDifference.Of(left, right));
    }

    [Fact]
    public void Difference_SameJsonOtherLayout_GivesTheTextOffset()
    {
        Assert.Equal("(text, offset 1)", ReportDifference.Of("{\"a\":1}\n", "{ \"a\":1}\n")!.Path);
        Assert.Null(ReportDifference.Of(Report, Report));
    }

    [Fact]
    public async Task Harness_EnginesDiffer_FailsWithTheSourceThePathAndTheScenario()
    {
        var harness = new DifferentialHarness(new FixedEngine("A", Report), new FixedEngine("B", Report.Replace("\"seed\": 7", "\"seed\": 8", StringComparison.Ordinal)));

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => harness.AssertSameReportAsync("generator seed 42", """{"seed":7}""", 7));

        Assert.StartsWith("A and B differ on generator seed 42, simulation seed 7\n$.seed:\n  A: 7\n  B: 8\n(the scenario and both reports: ", failure.Message, StringComparison.Ordinal);
        Assert.EndsWith("scenario:\n{\n  \"seed\": 7\n}", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Harness_SameReports_Passes()
    {
        var harness = new DifferentialHarness(new FixedEngine("A", Report), new FixedEngine("B", Report));

        await harness.AssertSameReportAsync("generator seed 42", """{"seed":7}""", 7);
    }

    private sealed class FixedEngine(string name, string report) : IEngine
    {
        public string Name => name;

        public Task<string> RunAsync(string scenarioJson, long seed) => Task.FromResult(report);
    }
}
