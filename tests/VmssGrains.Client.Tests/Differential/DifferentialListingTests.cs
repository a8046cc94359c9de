using VmssGrains.Domain.Fleet;

namespace VmssGrains.Client.Tests.Differential;

/// <summary>
/// Differential tests of the report's listings (<c>simulate --instances all|failed|none</c>): the Orleans engine on 2
/// silos and <c>simulate --engine reference</c> give byte-identical reports for each listing, on scenarios with failed
/// instances.
/// </summary>
public sealed class DifferentialListingTests
{
    /// <summary>Each listing on a client test scenario with a failed run, and <c>failed</c> on the example whose run faults on 30 % unhealthy instances.</summary>
    public static TheoryData<string, string> Cases() => new()
    {
        { "TrustworthyAnswers.AutomaticRepairs_DefaultGraceProtectionAndProvisioningFailures", "all" },
        { "TrustworthyAnswers.AutomaticRepairs_DefaultGraceProtectionAndProvisioningFailures", "failed" },
        { "TrustworthyAnswers.AutomaticRepairs_DefaultGraceProtectionAndProvisioningFailures", "none" },
        { "examples/bad-image-1000.json", "failed" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Listing_BothEngines_SameReport(string scenario, string listing)
    {
        Assert.True(InstanceListings.TryParse(listing, out var parsed));
        var json = scenario.StartsWith("examples/", StringComparison.Ordinal)
            ? await File.ReadAllTextAsync(Path.Combine(Repo.Root, scenario))
            : TestScenarios.All().Single(s => s.Name == scenario).Scenario.ToJsonString();
        var harness = new DifferentialHarness(new ClusterEngine(silos: 2, parsed), new SimulateCommandEngine("--engine", "reference", "--instances", listing));

        await harness.AssertSameReportAsync($"{scenario} with --instances {listing}", json, DifferentialExampleTests.SeedOf(json));
    }
}
