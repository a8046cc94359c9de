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

    /// <summary>
    /// Issue 11's review: an <c>unhealthy</c> fault that starts on instance 0 at PT7M15S, the very second its extension
    /// step ends (computed ahead, with no timer of its own). The instance caught up with only the steps that ended
    /// strictly before a call, so the fault came before the extension's end, the probe waited out its 5-minute timeout and
    /// the run faulted; with a timer per step (the reference engine) the extension ends first, as the virtual clock fires
    /// an instant's wake-ups before the scenario's actions at that instant. Calls now take the steps that ended at or
    /// before their time.
    /// </summary>
    [Fact]
    public async Task FaultAtAComputedStepsEnd_TwoSilos_SameReportAsTheReferenceEngine()
    {
        var json = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "tests", "VmssGrains.Client.Tests", "Differential", "Repros", "review-fault-at-step-end.json"));
        var harness = new DifferentialHarness(new ClusterEngine(silos: 2), new SimulateCommandEngine("--engine", "reference"));
        await harness.AssertSameReportAsync("Repros/review-fault-at-step-end.json (issue 11's review)", json, DifferentialExampleTests.SeedOf(json));
        var report = System.Text.Json.Nodes.JsonNode.Parse(await new SimulateCommandEngine("--engine", "reference").RunAsync(json, DifferentialExampleTests.SeedOf(json)))!;
        Assert.Equal(("Completed", 6), ((string)report["scaleSets"]![0]!["runs"]![0]!["runningStatus"]!["code"]!, (int)report["scaleSets"]![0]!["runs"]![0]!["progress"]!["successfulInstanceCount"]!));
    }
}
