using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests;

/// <summary>activity-log: the audit trail through the console, its filters and the JSON lines export.</summary>
[Collection(VerbClusterCollection.Name)]
public sealed class ActivityLogVerbTests(VerbClusterFixture cluster)
{
    [Fact]
    public async Task ActivityLog_AfterAnUpdateInstances_ShowsWhoDidWhatAndEachStep()
    {
        await cluster.OkAsync("create", "-n", "audited", "--image", "web:1.0.0", "--instance-count", "2");
        await cluster.OkAsync("update", "-n", "audited", "--set", Verbs.SetImage("web", "1.1.0"));
        await cluster.OkAsync("update-instances", "-n", "audited", "--instance-ids", "1");

        var all = Json.ParseArray(await cluster.OkAsync("activity-log", "-n", "audited", "-o", "json")).Select(n => n!.AsObject()).ToList();

        var user = Environment.UserName;
        Assert.Equal(
            [(user, "CreateOrUpdate", "Succeeded"), (user, "Update", "Accepted"), (user, "UpdateInstances", "Accepted"), (user, "RunStarted", "Started"), ("Platform", "BatchStarted", "Started")],
            all.Take(5).Select(r => (r.Str("caller")!, r.Str("action")!, r.Str("result")!)));
        // No load balancer, extension or health probe on this scale set: a reimage and a boot.
        Assert.Equal(
            ["reimage", "boot"],
            all.Where(r => r.Str("instanceId") == "1" && r.Str("step") is not null).Select(r => r.Str("step")!));
        Assert.DoesNotContain(all, r => r.Str("instanceId") == "0");
        Assert.Equal(("RunCompleted", "Completed"), (all[^1].Str("action")!, all[^1].Str("result")!));

        var failedOnly = Json.ParseArray(await cluster.OkAsync("activity-log", "-n", "audited", "--result", "Failed", "-o", "json"));
        Assert.Empty(failedOnly);
        var instanceOnly = Json.ParseArray(await cluster.OkAsync("activity-log", "-n", "audited", "--instance-id", "1", "-o", "json"));
        Assert.All(instanceOnly, r => Assert.Equal("1", r!.AsObject().Str("instanceId")));
        var runId = all[3].Str("runId")!;
        var run = Json.ParseArray(await cluster.OkAsync("activity-log", "-n", "audited", "--run-id", runId, "-o", "json"));
        Assert.Equal(all.Count(r => r.Str("runId") == runId), run.Count);
        var first = all[0].Str("time")!;
        var window = Json.ParseArray(await cluster.OkAsync("activity-log", "-n", "audited", "--end-time", first, "-o", "json"));
        Assert.All(window, r => Assert.Equal(first, r!.AsObject().Str("time")));
    }

    [Fact]
    public async Task ActivityLog_Export_WritesOneJsonObjectPerLine()
    {
        await cluster.OkAsync("create", "-n", "exported", "--image", "web:1.0.0", "--instance-count", "1");
        var file = Path.Combine(Path.GetTempPath(), $"vmss-activity-{Guid.NewGuid():N}.jsonl");
        try
        {
            var output = await cluster.OkAsync("activity-log", "-n", "exported", "--export", file);

            var lines = await File.ReadAllLinesAsync(file);
            Assert.Equal($"1 record(s) written to {file}", output.Out.Trim());
            var record = Assert.Single(lines);
            var json = JsonNode.Parse(record)!.AsObject();
            Assert.Equal(("exported", "CreateOrUpdate", "Succeeded"), (json.Str("scaleSet")!, json.Str("action")!, json.Str("result")!));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task ActivityLog_BadTimeOrUnknownScaleSet_IsAUsageError()
    {
        var badTime = await cluster.RunAsync("activity-log", "--start-time", "yesterday");
        Assert.Equal(2, badTime.ExitCode);
        Assert.Equal("error: --start-time: 'yesterday' is not a date and time (ISO 8601, e.g. 2026-01-01T00:05:00Z)", badTime.ErrorLine);

        var unknown = await cluster.RunAsync("activity-log", "-n", "never-created");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal("error: (NotFound) --name: scale set 'never-created' does not exist and has no activity log", unknown.ErrorLine);
    }
}
