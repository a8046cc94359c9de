using System.Text.RegularExpressions;

namespace VmssGrains.Client.Tests;

/// <summary>get-instance-view, set-protection-policy, image, lb, fault and watch.</summary>
[Collection(VerbClusterCollection.Name)]
public sealed class InstanceVerbTests(VerbClusterFixture cluster)
{
    [Fact]
    public async Task GetInstanceView_WithoutInstanceId_SummarisesTheScaleSet()
    {
        await cluster.OkAsync("create", "-n", "view", "--image", "web:1.0.0", "--instance-count", "3");
        var view = Json.ParseObject(await cluster.OkAsync("get-instance-view", "-n", "view", "-o", "json"));
        Assert.Equal(
            [("ProvisioningState/succeeded", 3L), ("HealthState/healthy", 3L)],
            view["virtualMachine"].Objects("statusesSummary").Select(s => (s.Str("code")!, s.Whole("count"))));
        Assert.Equal("ProvisioningState/succeeded", Assert.Single(view.Objects("statuses")).Str("code"));

        var one = await cluster.InstanceViewAsync("view", "2");
        Assert.Equal("HealthState/healthy", one["vmHealth"]!["status"].Str("code"));
        Assert.Equal(["ProvisioningState/succeeded", "PowerState/running"], one.Objects("statuses").Select(s => s.Str("code")));
        Assert.Equal(Verbs.ImageId("web", "1.0.0"), one["imageReference"].Str("id"));
        Assert.Equal(1, one.Whole("latestModelVersion"));

        var unknown = await cluster.RunAsync("get-instance-view", "-n", "view", "--instance-id", "9");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal("error: (NotFound) --instance-id: instance '9' does not exist in scale set 'view'", unknown.ErrorLine);
    }

    [Fact]
    public async Task SetProtectionPolicy_ProtectedInstance_IsSparedByAScaleSetReimage()
    {
        await cluster.OkAsync("create", "-n", "protect", "--image", "web:1.0.0", "--instance-count", "3");
        await cluster.OkAsync("set-protection-policy", "-n", "protect", "--instance-ids", "2", "--protect-from-scale-in", "--protect-from-scale-set-actions");
        var policies = (await cluster.InstancesAsync("protect")).Select(i => i["properties"]!["protectionPolicy"]).ToList();
        Assert.Equal([false, false, true], policies.Select(p => p.Bool("protectFromScaleIn")));
        Assert.Equal([false, false, true], policies.Select(p => p.Bool("protectFromScaleSetActions")));

        await cluster.OkAsync("reimage", "-n", "protect");
        var generations = new List<long>();
        foreach (var id in new[] { "0", "1", "2" })
        {
            generations.Add((await cluster.InstanceViewAsync("protect", id)).Objects("disks")[0].Whole("generation"));
        }

        Assert.Equal([2L, 2, 1], generations);
    }

    [Fact]
    public async Task SetProtectionPolicy_ScaleSetActionsWithoutScaleIn_IsUsageError()
    {
        await cluster.OkAsync("create", "-n", "protect-invalid", "--image", "web:1.0.0", "--instance-count", "2");
        var result = await cluster.RunAsync("set-protection-policy", "-n", "protect-invalid", "--instance-ids", "1", "--protect-from-scale-set-actions");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "error: (InvalidParameter) protectionPolicy.protectFromScaleSetActions: true requires protectFromScaleIn: true (Azure rejects protection from scale-set actions without protection from scale-in)",
            result.ErrorLine);
        Assert.All(await cluster.InstancesAsync("protect-invalid"), i => Assert.False(i["properties"]!["protectionPolicy"].Bool("protectFromScaleIn")));
    }

    [Fact]
    public async Task ImagePublish_ThenList_ShowsTheVersion()
    {
        var published = await cluster.OkAsync("image", "publish", "--image", "listed", "--version", "2.0.0", "--baked-in-extensions", "app", "--replication-time", "PT10M");
        Assert.StartsWith("listed:2.0.0 published at ", published.Out, StringComparison.Ordinal);

        var versions = Json.ParseArray(await cluster.OkAsync("image", "list", "-o", "json")).Select(n => n!.AsObject()).Where(v => v.Str("image") == "listed").ToList();
        var version = Assert.Single(versions);
        Assert.Equal("2.0.0", version.Str("version"));
        Assert.Equal(["app"], version.Strings("bakedInExtensions"));
        Assert.Contains("listed", (await cluster.OkAsync("image", "list")).Out, StringComparison.Ordinal);

        var bad = await cluster.RunAsync("image", "publish", "--image", "listed", "--version", "2.1.0", "--replication-time", "soon");
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal("error: --replication-time: 'soon' is not an ISO 8601 duration such as PT10M", bad.ErrorLine);
    }

    [Fact]
    public async Task LoadBalancerConfigure_ThenShow_PrintsProbeLoadAndBackends()
    {
        await cluster.OkAsync("lb", "configure", "-n", "configured-lb", "--interval-in-seconds", "10", "--number-of-probes", "3", "--requests-per-second", "2000", "--capacity-per-instance", "500");
        await cluster.OkAsync("create", "-n", "configured", "--image", "web:1.0.0", "--instance-count", "4", "--lb", "configured-lb");

        var lb = Json.ParseObject(await cluster.OkAsync("lb", "show", "-n", "configured-lb", "-o", "json"));
        Assert.Equal("configured-lb", lb.Str("name"));
        Assert.Equal(10, lb["probe"].Whole("intervalInSeconds"));
        Assert.Equal(3, lb["probe"].Whole("numberOfProbes"));
        Assert.Equal(2000, lb.Number("requestsPerSecond"));
        Assert.Equal(4, lb.Whole("backends"));
        Assert.Equal(4, lb.Whole("inPool"));
        Assert.Equal(4, lb.Whole("inService"));
        Assert.Equal(0, lb.Whole("requestsDropped"));
        Assert.Equal((4L, 100.0, 4L, 100.0), (lb.Whole("targetCapacity"), lb.Number("inServicePercent"), lb.Whole("minInService"), lb.Number("minInServicePercent")));
        var table = (await cluster.OkAsync("lb", "show", "-n", "configured-lb")).Out;
        Assert.Contains("configured-lb", table, StringComparison.Ordinal);
        Assert.Contains("MinInService%", table, StringComparison.Ordinal);

        var bad = await cluster.RunAsync("lb", "configure", "-n", "configured-lb", "--interval-in-seconds", "2");
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal("error: --interval-in-seconds: 2 is out of range: allowed 5–3600", bad.ErrorLine);
    }

    [Fact]
    public async Task FaultUnhealthy_ThenHeal_ChangesTheInstancesHealth()
    {
        await cluster.OkAsync("create", "-n", "fault", "--image", "web:1.0.0", "--instance-count", "3");
        await cluster.OkAsync("fault", "unhealthy", "-n", "fault", "--instance-ids", "1");
        var instances = await Verbs.EventuallyAsync(
            () => cluster.InstancesAsync("fault"),
            l => l[1].Health() == "HealthState/unhealthy",
            "instance 1 to turn unhealthy");
        Assert.Equal(["HealthState/healthy", "HealthState/unhealthy", "HealthState/healthy"], instances.Select(i => i.Health()));
        var view = Json.ParseObject(await cluster.OkAsync("get-instance-view", "-n", "fault", "-o", "json"));
        Assert.Contains(view["virtualMachine"].Objects("statusesSummary"), s => s.Str("code") == "HealthState/unhealthy" && s.Whole("count") == 1);

        await cluster.OkAsync("fault", "unhealthy", "-n", "fault", "--instance-ids", "1", "--heal");
        await Verbs.EventuallyAsync(
            () => cluster.InstancesAsync("fault"),
            l => l.All(i => i.Health() == "HealthState/healthy"),
            "instance 1 to heal");

        var unknown = await cluster.RunAsync("fault", "unhealthy", "-n", "fault", "--instance-ids", "7");
        Assert.Equal(2, unknown.ExitCode);
        Assert.StartsWith("error: (NotFound) instanceIds: instance '7' does not exist in scale set 'fault'", unknown.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Watch_UntilSettledOnAPlainWriter_PrintsPlainLinesAndExits()
    {
        await cluster.OkAsync("create", "-n", "watched", "--image", "web:1.0.0", "--instance-count", "4", "--upgrade-policy-mode", "Rolling", "--lb", "watched-lb");
        await cluster.OkAsync("update", "-n", "watched", "--no-wait", "--set", Verbs.SetImage("web", "1.1.0"));

        var result = await cluster.OkAsync("watch", "-n", "watched", "--until-settled", "--interval", "0.1");
        Assert.Equal("", result.Err);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Matches(new Regex(@"^\d\d:\d\d:\d\d watched: [^\x1b]*$"), l));
        Assert.True(
            lines[^1].EndsWith("watched: RollingUpgrade Completed batch 4 (4 ok, 0 failed, 0 in progress, 0 pending) | in service 4/4, upgrading 0, unhealthy 0, stale 0", StringComparison.Ordinal),
            $"the last line is not the settled state:\n{result.Out}");
    }
}
