using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests.Differential;

/// <summary>
/// What the review of issue 10 found with scenarios the generator does not write (in <c>Repros/review-*.json</c>). The
/// two engines agreed on every scenario tried, including these; the bugs below are in what both share (the scale-set
/// machine and the scenario reader), so the differential tests cannot see them. Each test states the behaviour expected
/// and is skipped, with the reason, while it fails.
/// </summary>
public sealed class ReviewReproTests
{
    private const string ScaleInDuringSurge = "review-scalein-during-maxsurge.json";

    private const string ScaleOutDuringSurge = "review-scaleout-during-maxsurge.json";

    private const string SurgeInstanceId = "review-surge-instance-id.json";

    /// <summary>
    /// Scale-in to 2 during the first maxSurge batch of a 6-instance Rolling upgrade (batches of 3). The scale-in chooses
    /// among the instances that are not busy, which include the batch's old instances 0–2 that the surge is about to
    /// delete, and counts the 3 surge instances being created as busy ones to keep. The run then waits for reports from
    /// deleted instances: it stays RollingForward with no end, 3 instances remain for a capacity of 2, the simulation
    /// stops at the last action as if settled, and the update at PT2H is refused with Conflict.
    /// </summary>
    [Fact(Skip = "machine bug (both engines): a scale-in during a maxSurge batch leaves the run RollingForward for ever (Repros/review-scalein-during-maxsurge.json)")]
    public async Task ScaleInDuringMaxSurgeBatch_RunEnds_CapacityHonoured_LaterUpdateAccepted()
    {
        var report = await ReferenceReportAsync(ScaleInDuringSurge);

        var scaleSet = report["scaleSets"]![0]!;
        var run = scaleSet["runs"]![0]!;
        Assert.NotEqual("RollingForward", run["runningStatus"]!["code"]!.GetValue<string>());
        Assert.NotNull(run["runningStatus"]!["endTime"]);
        Assert.Equal(2, scaleSet["instances"]!.AsArray().Count);
        var later = report["actions"]!.AsArray().Single(a => a!["at"]!.GetValue<string>() == "PT2H")!;
        Assert.Equal("Succeeded", later["status"]!.GetValue<string>());
    }

    /// <summary>
    /// Scale-out from 6 to 8 during the first maxSurge batch (batches of 3), the same cause seen from the other side: the
    /// 3 surge instances being created count as live, so "scale to 8" finds 9 and deletes instance 5, which is in the
    /// run's scope. Batch 2 holds only 3 and 4, the run counts 5 successes for 6 instances, and 5 instances serve a
    /// capacity of 8 (in service falls to 5 at PT2M) until the update at PT2H starts a run that creates the missing 3.
    /// </summary>
    [Fact(Skip = "machine bug (both engines): a scale-out during a maxSurge batch deletes an instance of the run (Repros/review-scaleout-during-maxsurge.json)")]
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
    /// exists then. The scenario reader predicts the ids from the capacities alone (ids below the initial capacity plus
    /// scale-outs), not from the machine, so it rejects the file with exit 2: "instance '4' does not exist in scale set
    /// 'a' at PT1H (ids are 0–3)". The same holds for the replacements of automatic repairs (Replace).
    /// </summary>
    [Fact(Skip = "scenario reader: ids created by maxSurge (and Replace repairs) are refused as not existing (Repros/review-surge-instance-id.json)")]
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
