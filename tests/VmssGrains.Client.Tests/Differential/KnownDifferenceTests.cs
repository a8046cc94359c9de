namespace VmssGrains.Client.Tests.Differential;

/// <summary>
/// Differences the differential tests found between the engines, each reduced to a small scenario (in <c>Repros/</c>)
/// and skipped until fixed in src/. Each plays its scenario a few times: the difference does not show on every run.
/// </summary>
public sealed class KnownDifferenceTests
{
    /// <summary>
    /// Generator seed 34, reduced: one Uniform scale set of 68 instances behind a probe, Rolling with maxSurge, a
    /// 6 min 11 s pause, prioritizeUnhealthyInstances and cross-zone upgrades; at PT1H42M56S an update changes one
    /// extension's settings. On 2 silos the fleet timeline sometimes shows a step of an instance later than on one
    /// silo (at PT2H42M58S instead of PT2H42M55S, with an extra point (68 in service, 10 upgrading) in between), so the
    /// report's <c>timeline</c> differs while runs, batches and instances agree.
    /// </summary>
    [Fact(Skip = "bug: on 2 silos a maxSurge extension upgrade's fleet timeline sometimes records an instance's step seconds later than on 1 silo (generator seed 34)")]
    public async Task MaxSurgeExtensionUpdate_TwoSilos_SameTimelineAsOneSilo()
    {
        var json = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "tests", "VmssGrains.Client.Tests", "Differential", "Repros", "seed34-maxsurge-extension-update.json"));
        var harness = new DifferentialHarness(new ClusterEngine(silos: 2), new SimulateCommandEngine());
        for (var i = 0; i < 5; i++)
        {
            await harness.AssertSameReportAsync($"Repros/seed34-maxsurge-extension-update.json (generator seed 34, reduced), run {i + 1}", json, DifferentialExampleTests.SeedOf(json));
        }
    }
}
