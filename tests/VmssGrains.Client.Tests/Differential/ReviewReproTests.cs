using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests.Differential;

/// <summary>
/// What the review of issue 10 found with scenarios the generator does not write (in <c>Repros/review-*.json</c>). The
/// two engines agreed on every scenario tried, including these; the bugs below were in what both share (the scale-set
/// machine and the scenario reader), so the differential tests could not see them. Each test states the behaviour
/// expected, now that they are fixed.
/// </summary>
public sealed class ReviewReproTests
{
    private const string ScaleInDuringSurge = "review-scalein-during-maxsurge.json";

    private const string ScaleOutDuringSurge = "review-scaleout-during-maxsurge.json";

    private const string SurgeInstanceId = "review-surge-instance-id.json";

    /// <summary>
    /// Scale-in to 2 during the first maxSurge batch of a 6-instance Rolling upgrade (batches of 3). The scale-in chooses
    /// among the instances that are not busy, which include the batch's old instances 0–2 that the surge is about to
    /// delete, and counts the 3 surge instances being created as busy ones to keep. The run then waited for reports from
    /// deleted instances: it stayed RollingForward with no end, 3 instances remained for a capacity of 2, and the update
    /// at PT2H was refused with Conflict. Now the scale-in spares 0–2 (the surge takes them) and deletes the idle 3–5;
    /// the run ends after its one batch, and then the scale set goes down to its capacity: 6 and 7 remain.
    /// </summary>
    [Fact]
    public async Task ScaleInDuringMaxSurgeBatch_RunEnds_CapacityHonoured_LaterUpdateAccepted()
    {
        var report = await ReferenceReportAsync(ScaleInDuringSurge);

        var scaleSet = report["scaleSets"]![0]!;
        var run = scaleSet["runs"]![0]!;
        Assert.Equal(("Completed", "PT6M56S"), (run["runningStatus"]!["code"]!.GetValue<string>(), run["runningStatus"]!["endTime"]!.GetValue<string>()));
        Assert.Equal(["6", "7"], scaleSet["instances"]!.AsArray().Select(i => i!["instanceId"]!.GetValue<string>()));
        var later = report["actions"]!.AsArray().Single(a => a!["at"]!.GetValue<string>() == "PT2H")!;
        Assert.Equal("Succeeded", later["status"]!.GetValue<string>());
    }

    /// <summary>
    /// Scale-out from 6 to 8 during the first maxSurge batch (batches of 3), the same cause seen from the other side: the
    /// 3 surge instances being created counted as live, so "scale to 8" found 9 and deleted instance 5, which was in the
    /// run's scope. Now an instance being replaced does not count beside its replacement: the scale-out adds 2, batch 2
    /// is 3–5, every instance of the run is upgraded, and 6 serve at PT2M.
    /// </summary>
    [Fact]
    public async Task ScaleOutDuringMaxSurgeBatch_UpgradesEveryInstance_AndAddsTwo()
    {
        var report = await ReferenceReportAsync(ScaleOutDuringSurge);

        var run = report["scaleSets"]![0]!["runs"]![0]!;
        Assert.Equal(6, run["progress"]!["successfulInstanceCount"]!.GetValue<int>());
        Assert.Equal(["3", "4", "5"], run["batches"]![1]!["instanceIds"]!.AsArray().Select(i => i!.GetValue<string>()));
        var atTwoMinutes = report["timeline"]!.AsArray().Single(p => p!["t"]!.GetValue<string>() == "PT2M")!;
        Assert.Equal(6, atTwoMinutes["inService"]!.GetValue<int>());
    }

    /// <summary>Both engines give the same report for the scale-in during a maxSurge batch (they agree on the bug above).</summary>
    [Fact]
    public async Task ScaleInDuringMaxSurgeBatch_BothEngines_SameReport()
    {
        var json = await File.ReadAllTextAsync(Repro(ScaleInDuringSurge));
        await DifferentialEngines.Harness.AssertSameReportAsync($"Repros/{ScaleInDuringSurge}", json, DifferentialExampleTests.SeedOf(json));
    }

    /// <summary>
    /// A maxSurge run replaces instances 0–3 with 4–7 (done at PT14M26S); at PT1H the scenario protects instance 4, which
    /// exists then. The scenario reader predicted the ids from the capacities alone, so it rejected the file with exit 2:
    /// "instance '4' does not exist in scale set 'a' at PT1H (ids are 0–3)". Now an id of a scale set that replaces
    /// instances (maxSurge, Replace repairs) is left to the scale set, which knows whether it exists when the action runs.
    /// </summary>
    [Fact]
    public async Task ProtectionOfAnInstanceCreatedByMaxSurge_IsAccepted_AndApplied()
    {
        var report = await ReferenceReportAsync(SurgeInstanceId);

        var protect = report["actions"]!.AsArray().Single(a => a!["action"]!.GetValue<string>() == "setProtectionPolicy")!;
        Assert.Equal("Succeeded", protect["status"]!.GetValue<string>());
        var four = report["scaleSets"]![0]!["instances"]!.AsArray().Single(i => i!["instanceId"]!.GetValue<string>() == "4")!;
        Assert.True(four["protectionPolicy"]!["protectFromScaleIn"]!.GetValue<bool>());
    }

    private static string Repro(string name) => Path.Combine(Repo.Root, "tests", "VmssGrains.Client.Tests", "Differential", "Repros", name);

    private static async Task<JsonNode> ReferenceReportAsync(string name)
    {
        var result = await Cli.RunAsync("simulate", "--scenario", Repro(name), "--engine", "reference", "--output", "json");
        Assert.True(result.ExitCode == 0, $"simulate exited {result.ExitCode}: {result.Err}");
        return JsonNode.Parse(result.Out)!;
    }
}
