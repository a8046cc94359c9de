namespace VmssGrains.Client.Tests.Differential;

/// <summary>
/// Differences the differential tests found between the engines, each reduced to a small scenario (in <c>Repros/</c>)
/// and kept once fixed. Each plays its scenario several times: the difference did not show on every run.
/// </summary>
public sealed class FoundDifferenceTests
{
    /// <summary>
    /// Generator seed 34, reduced: one Uniform scale set of 68 instances behind a probe, Rolling with maxSurge, a
    /// 6 min 11 s pause, prioritizeUnhealthyInstances and cross-zone upgrades; at PT1H42M56S an update changes one
    /// extension's settings. Several reports arrive at one instant (new instances provisioned, old ones deleted); the
    /// machine recorded the fleet timeline's point in the middle of a surge report's decision, before the old instance
    /// began to drain, so the instant's point depended on which report came last, and 2 silos deliver them in varying
    /// order. The point is now recorded at the end of every decision.
    /// </summary>
    [Fact]
    public async Task MaxSurgeExtensionUpdate_TwoSilos_SameReportAsTheReferenceEngine()
    {
        var json = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "tests", "VmssGrains.Client.Tests", "Differential", "Repros", "seed34-maxsurge-extension-update.json"));
        var harness = new DifferentialHarness(new ClusterEngine(silos: 2), new SimulateCommandEngine("--engine", "reference"));
        for (var i = 0; i < 5; i++)
        {
            await harness.AssertSameReportAsync($"Repros/seed34-maxsurge-extension-update.json (generator seed 34, reduced), run {i + 1}", json, DifferentialExampleTests.SeedOf(json));
        }
    }
}
