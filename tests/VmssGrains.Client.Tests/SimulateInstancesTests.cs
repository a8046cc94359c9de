using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests;

/// <summary>
/// <c>simulate --instances all|failed|none</c>: which instances the report lists, the <c>instancesSummary</c> every
/// scale set has whatever the listing, the default (all up to 10,000 instances, else failed) and a bad value. Each
/// scenario runs on both engines (<see cref="ScenarioFiles.SimulateAsync"/>), which must agree byte for byte.
/// </summary>
public sealed class SimulateInstancesTests
{
    private static JsonArray Ids(params string[] ids) => new([.. ids.Select(id => (JsonNode)id)]);

    /// <summary>
    /// Six Manual instances on model version 1. PT30S: the image moves to 1.1.0 (model version 2, nobody moves).
    /// PT1M: instance 1 turns unhealthy (a fault: still Succeeded). PT1M: update-instances on 0 and 3, whose extension
    /// fails: 0 is back healthy on model 2, 3 is Failed and unhealthy on model 2.
    /// </summary>
    private static JsonObject Scenario() => ScenarioFiles.Template("Manual", capacity: 6)
        .Fault(new JsonObject { ["kind"] = "unhealthy", ["scaleSet"] = "web", ["at"] = "PT1M", ["instanceIds"] = Ids("1") })
        .Fault(new JsonObject { ["kind"] = "extensionFailure", ["scaleSet"] = "web", ["extension"] = "app", ["instanceIds"] = Ids("3") })
        .Action("PT30S", "update", ScenarioFiles.ImagePatch("1.1.0"))
        .Action("PT1M", "updateInstances", new JsonObject { ["instanceIds"] = Ids("0", "3") });

    private const string Summary =
        """{"instanceCount":6,"latestModelAppliedCount":2,"statusesSummary":[{"code":"ProvisioningState/failed","count":1},{"code":"ProvisioningState/succeeded","count":5},{"code":"HealthState/healthy","count":4},{"code":"HealthState/unhealthy","count":2}],"failedInstanceCount":2,"failedInstanceIds":["1","3"]}""";

    [Fact]
    public async Task Instances_EachListing_ListsItsInstancesAndTheSameSummary()
    {
        var all = (await ScenarioFiles.SimulateAsync(Scenario(), "--instances", "all")).Named("scaleSets", "web");
        var failed = (await ScenarioFiles.SimulateAsync(Scenario(), "--instances", "failed")).Named("scaleSets", "web");
        var none = (await ScenarioFiles.SimulateAsync(Scenario(), "--instances", "none")).Named("scaleSets", "web");

        Assert.Equal(("all", "failed", "none"), (all.Str("instancesListed"), failed.Str("instancesListed"), none.Str("instancesListed")));
        Assert.Equal(Summary, all["instancesSummary"]!.ToJsonString());
        Assert.Equal(Summary, failed["instancesSummary"]!.ToJsonString());
        Assert.Equal(Summary, none["instancesSummary"]!.ToJsonString());

        Assert.Equal(["0", "1", "2", "3", "4", "5"], all.Objects("instances").Select(i => i.Str("instanceId")));
        Assert.Equal(
            [("1", "Unhealthy", "Succeeded", 1L), ("3", "Unhealthy", "Failed", 2L)],
            all.Objects("instances").Where(i => i.Str("health") != "Healthy").Select(i => (i.Str("instanceId"), i.Str("health"), i.Str("provisioningState"), i.Whole("modelVersion"))));
        Assert.Equal(["0", "3"], all.Objects("instances").Where(i => i.Bool("latestModelApplied")).Select(i => i.Str("instanceId")));

        // The failed listing is the failed instances of the full one, each exactly as it lists them.
        Assert.Equal(
            [.. all.Objects("instances").Where(i => i.Str("instanceId") is "1" or "3").Select(i => i.ToJsonString())],
            failed.Objects("instances").Select(i => i.ToJsonString()));
        Assert.Empty(none.Objects("instances"));

        // Everything else is the same whatever the listing.
        foreach (var other in new[] { failed, none })
        {
            var (a, b) = (all.DeepClone().AsObject(), other.DeepClone().AsObject());
            foreach (var field in new[] { "instancesListed", "instances" })
            {
                a.Remove(field);
                b.Remove(field);
            }

            Assert.Equal(a.ToJsonString(), b.ToJsonString());
        }
    }

    [Fact]
    public async Task Instances_Default_SmallScenarioListsAll()
    {
        var report = await ScenarioFiles.SimulateAsync(Scenario());

        var web = report.Named("scaleSets", "web");
        Assert.Equal("all", web.Str("instancesListed"));
        Assert.Equal(6, web.Objects("instances").Count);
        Assert.Equal(Summary, web["instancesSummary"]!.ToJsonString());
    }

    /// <summary>
    /// 10,001 instances (one over <see cref="Domain.Fleet.InstanceListings.AllUpTo"/>), nothing but an unhealthy fault
    /// on instance 9999 at PT1M: the default lists that instance only. On the reference engine, which creates the
    /// fleet in a second or two (the rule itself is tested at 10,000 and 10,001 in the Domain tests).
    /// </summary>
    [Fact]
    public async Task Instances_Default_AboveTenThousandListsFailedOnly()
    {
        var scenario = ScenarioFiles.Template("Manual", capacity: 10_001)
            .Fault(new JsonObject { ["kind"] = "unhealthy", ["scaleSet"] = "web", ["at"] = "PT1M", ["instanceIds"] = Ids("9999") });
        var path = Path.Combine(Path.GetTempPath(), $"vmss-scenario-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, scenario.ToJsonString());
        try
        {
            var result = await Cli.OkAsync("simulate", "--scenario", path, "--output", "json", "--engine", "reference");

            var web = Json.ParseObject(result).Named("scaleSets", "web");
            Assert.Equal("failed", web.Str("instancesListed"));
            Assert.Equal(["9999"], web.Objects("instances").Select(i => i.Str("instanceId")));
            Assert.Equal(
                """{"instanceCount":10001,"latestModelAppliedCount":10001,"statusesSummary":[{"code":"ProvisioningState/succeeded","count":10001},{"code":"HealthState/healthy","count":10000},{"code":"HealthState/unhealthy","count":1}],"failedInstanceCount":1,"failedInstanceIds":["9999"]}""",
                web["instancesSummary"]!.ToJsonString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("some")]
    [InlineData("ALL")]
    public async Task Instances_BadValue_OneLineExit2(string value)
    {
        var result = await Cli.RunAsync("simulate", "--instances", value);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: --instances: '{value}' is not a listing; use all, failed, none (see --help)", result.ErrorLine);
        Assert.Equal("", result.Out);
    }

    /// <summary>
    /// The summary for people: the statuses when any instance is not healthy and succeeded, and a row per failed
    /// instance the report lists (with its last error); with <c>--instances none</c> only their ids.
    /// </summary>
    [Fact]
    public async Task Instances_TextReport_ShowsStatusesAndFailedInstances()
    {
        var path = Path.Combine(Path.GetTempPath(), $"vmss-scenario-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, Scenario().ToJsonString());
        try
        {
            var listed = (await Cli.OkAsync("simulate", "--scenario", path)).Out;
            var none = (await Cli.OkAsync("simulate", "--scenario", path, "--instances", "none")).Out;

            const string headline = "Scale set web (Manual, model version 2): 6 instances, 2 on the latest model, 4 healthy\n"
                + "  Statuses: ProvisioningState/failed 1, ProvisioningState/succeeded 5, HealthState/healthy 4, HealthState/unhealthy 2\n";
            Assert.Contains(headline + "  2 failed instance(s)\n", listed, StringComparison.Ordinal);
            Assert.Matches(@"\n  1 +— +1\.0\.0 +Unhealthy +Succeeded +— *\n", listed);
            Assert.Matches(@"\n  3 +— +1\.1\.0 +Unhealthy +Failed +\S", listed);
            Assert.Contains(headline + "  2 failed instance(s): 1, 3\n", none, StringComparison.Ordinal);
            Assert.DoesNotContain("Unhealthy", none, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary><c>--fail-on failed-instances</c> still sees instances a scale-out left Failed when the report lists none.</summary>
    [Fact]
    public async Task Instances_None_FailOnFailedInstancesCountsFromTheSummary()
    {
        var scenario = ScenarioFiles.Template("Manual")
            .Fault(new JsonObject { ["kind"] = "extensionFailure", ["scaleSet"] = "web", ["extension"] = "app", ["instanceIds"] = Ids("4", "5") })
            .Action("PT1M", "scale", new JsonObject { ["capacity"] = 6 });
        var path = Path.Combine(Path.GetTempPath(), $"vmss-scenario-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, scenario.ToJsonString());
        try
        {
            var result = await Cli.RunAsync("simulate", "--scenario", path, "--output", "json", "--instances", "none", "--fail-on", "failed-instances");

            Assert.Equal(3, result.ExitCode);
            Assert.Equal("error: --fail-on failed-instances: scale set 'web': 2 instance(s) ended with provisioning state Failed\n", result.Err);
            Assert.Equal(["4", "5"], Json.ParseObject(result).Named("scaleSets", "web")["instancesSummary"].Strings("failedInstanceIds"));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
