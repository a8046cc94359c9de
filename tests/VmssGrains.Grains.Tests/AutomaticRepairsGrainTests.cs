using System.Text.Json.Nodes;
using VmssGrains.Domain.Fleet;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Time;

namespace VmssGrains.Grains.Tests;

/// <summary>Automatic repairs: grace period, Replace, Reimage, Restart, pacing, protection.</summary>
[Collection(ClusterCollection.Name)]
public sealed class AutomaticRepairsGrainTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(10);

    private static readonly TimingProfile Timing = Fleets.Fixed with { Restart = Distribution.Fixed(TimeSpan.FromMinutes(1)) };

    [Fact]
    public async Task Reimage_AfterTheGracePeriod_KeepsTheIdAndTheDataDisk()
    {
        const string name = "repair-reimage";
        await fixture.CreateAsync(name, Fleets.ScaleSet(4, mode: "Manual", automaticRepairsPolicy: Repairs("Reimage")), timing: Timing);
        await fixture.Instance(name, "2").WriteFileAsync(dataDisk: true, "/data/db");
        var start = fixture.Now;

        await fixture.ScaleSet(name).SetUnhealthyAsync(["2"], true);
        await fixture.SettleAsync();

        var state = (await fixture.Instance(name, "2").GetStateAsync())!;
        Assert.Equal((HealthState.Healthy, 2), (state.Health, state.OsDisk.Generation));
        Assert.Contains("/data/db", state.DataDisk.Files);

        // Repaired when the grace period is over: drain, reimage, boot, extension, probes.
        Assert.Equal(start + Grace + Fleets.Upgrade, state.LastOperationEnd);
        var log = await fixture.ScaleSet(name).GetActivityLogAsync(new Abstractions.Views.ActivityLogQuery());
        Assert.Equal(["Started", "Succeeded"], log.Where(r => r.Action == "AutomaticRepair").Select(r => r.Result).ToArray());
    }

    [Fact]
    public async Task Replace_DeletesTheInstanceAndCreatesOneWithANewId()
    {
        const string name = "repair-replace";
        await fixture.CreateAsync(name, Fleets.ScaleSet(4, mode: "Manual", automaticRepairsPolicy: Repairs("Replace")), timing: Timing);

        await fixture.ScaleSet(name).SetUnhealthyAsync(["1"], true);
        await fixture.SettleAsync();

        var instances = await fixture.ScaleSet(name).ListInstancesAsync();
        Assert.Equal(["0", "2", "3", "4"], instances.Select(i => i.InstanceId).ToArray());
        Assert.All(instances, i => Assert.Equal(HealthState.Healthy, i.Health));
        Assert.Null(await fixture.Instance(name, "1").GetStateAsync());
    }

    [Fact]
    public async Task Restart_ThatDoesNotHelp_IsRetriedUpToTheLimitThenLeftAlone()
    {
        const string name = "repair-restart";
        await fixture.CreateAsync(name, Fleets.ScaleSet(4, mode: "Manual", automaticRepairsPolicy: Repairs("Restart")), timing: Timing);

        // The unhealthy fault lasts until a reimage: restarting does not heal it.
        await fixture.ScaleSet(name).SetUnhealthyAsync(["0"], true);
        await fixture.SettleAsync();

        var log = await fixture.ScaleSet(name).GetActivityLogAsync(new Abstractions.Views.ActivityLogQuery { InstanceId = "0" });
        Assert.Equal(RepairPlanner.MaxAttempts, log.Count(r => r.Action == "AutomaticRepair" && r.Result == "Started"));
        Assert.Equal(RepairPlanner.MaxAttempts, log.Count(r => r.Action == "AutomaticRepair" && r.Result == "Failed"));
        Assert.Equal(HealthState.Unhealthy, (await fixture.Instance(name, "0").GetStateAsync())!.Health);
    }

    [Fact]
    public async Task Pacing_RepairsAtMostFivePercentAtATime_AndSparesProtectedInstances()
    {
        const string name = "repair-pacing";
        await fixture.CreateAsync(name, Fleets.ScaleSet(40, mode: "Manual", automaticRepairsPolicy: Repairs("Reimage")), timing: Timing);
        await fixture.ScaleSet(name).SetProtectionPolicyAsync(["5"], true, true);
        var start = fixture.Now;

        await fixture.ScaleSet(name).SetUnhealthyAsync(["1", "2", "3", "4", "5"], true);
        await fixture.SettleAsync();

        // 5 % of 40 = 2 at a time: 1 and 2 first, then 3 and 4; 5 is protected and stays unhealthy.
        var ends = new List<DateTimeOffset?>();
        foreach (var id in new[] { "1", "2", "3", "4" })
        {
            ends.Add((await fixture.Instance(name, id).GetStateAsync())!.LastOperationEnd);
        }

        var first = start + Grace + Fleets.Upgrade;
        Assert.Equal([first, first, first + Fleets.Upgrade, first + Fleets.Upgrade], ends);
        Assert.Equal(HealthState.Unhealthy, (await fixture.Instance(name, "5").GetStateAsync())!.Health);
    }

    private static JsonObject Repairs(string action) => new() { ["enabled"] = true, ["gracePeriod"] = "PT10M", ["repairAction"] = action };
}
