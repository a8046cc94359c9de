using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Views;
using VmssGrains.Domain;

namespace VmssGrains.Grains.Tests;

/// <summary>The activity log: who did what, in order, and its filters.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ActivityLogTests(ClusterFixture fixture)
{
    [Fact]
    public async Task SmallRollingRun_RecordsEveryActionAndStepInOrder()
    {
        const string name = "audit-run";
        RequestContext.Set(GrainKeys.CallerKey, "alice");
        var start = fixture.Now;
        await fixture.CreateAsync(name, Fleets.ScaleSet(2, policy: Fleets.Policy(batch: 50, unhealthy: 50)));
        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        await fixture.SettleAsync();
        RequestContext.Clear();

        var log = await fixture.ScaleSet(name).GetActivityLogAsync(new ActivityLogQuery());

        string[] steps = ["drain", "reimage", "boot", "extension", "probe"];
        string[] offsets = ["PT0S", "PT10S", "PT3M10S", "PT4M10S", "PT6M10S", "PT6M20S"];
        var expected = new List<string>
        {
            "PT0S alice CreateOrUpdate Succeeded",
            "PT0S alice Update Accepted",
            "PT0S alice RunStarted Started",
            "PT0S Platform BatchStarted Started batch=1",
        };
        for (var i = 0; i < steps.Length; i++)
        {
            expected.Add($"{offsets[i + 1]} Platform InstanceUpgrade Succeeded batch=1 instance=0 step={steps[i]}");
        }

        expected.Add("PT6M20S Platform InstanceUpgrade Succeeded batch=1 instance=0");
        expected.Add("PT6M20S Platform BatchCompleted Succeeded batch=1");
        expected.Add("PT6M20S Platform BatchStarted Started batch=2");
        for (var i = 0; i < steps.Length; i++)
        {
            expected.Add($"{Plus(offsets[i + 1])} Platform InstanceUpgrade Succeeded batch=2 instance=1 step={steps[i]}");
        }

        expected.Add("PT12M40S Platform InstanceUpgrade Succeeded batch=2 instance=1");
        expected.Add("PT12M40S Platform BatchCompleted Succeeded batch=2");
        expected.Add("PT12M40S Platform RunCompleted Completed");

        Assert.Equal(expected, log.Select(r => Describe(r, start)).ToList());
        Assert.All(log.Where(r => r.RunId is not null), r => Assert.Equal(log[2].RunId, r.RunId));
    }

    [Fact]
    public async Task Query_FiltersByRunInstanceTimeAndResult()
    {
        const string name = "audit-filters";
        var start = fixture.Now;
        await fixture.CreateAsync(name, Fleets.ScaleSet(2, policy: Fleets.Policy(batch: 50, unhealthy: 50, upgradedUnhealthy: 100)), faults: new Domain.Faults.FaultRules
        {
            ExtensionFailures = [new Domain.Faults.ExtensionFault("app", 0, ["1"])],
        });
        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        await fixture.SettleAsync();
        var grain = fixture.ScaleSet(name);
        var runId = (await grain.GetLatestRollingUpgradeAsync())!.Run.RunId;

        var byRun = await grain.GetActivityLogAsync(new ActivityLogQuery { RunId = runId });
        var byInstance = await grain.GetActivityLogAsync(new ActivityLogQuery { InstanceId = "1" });
        var failed = await grain.GetActivityLogAsync(new ActivityLogQuery { Result = "VMExtensionProvisioningError" });
        var window = await grain.GetActivityLogAsync(new ActivityLogQuery { From = start + TimeSpan.FromSeconds(10), To = start + TimeSpan.FromSeconds(190) });
        var newest = await grain.GetActivityLogAsync(new ActivityLogQuery { Limit = 1 });

        Assert.All(byRun, r => Assert.Equal(runId, r.RunId));
        Assert.Equal(17, byRun.Length);
        Assert.Equal(["drain", "reimage", "boot", "extension", "-"], byInstance.Select(r => r.Step ?? "-").ToArray());
        Assert.Equal("Failed", byInstance[^1].Result);
        var extension = Assert.Single(failed);
        Assert.Equal(("1", "extension"), (extension.InstanceId, extension.Step));
        Assert.Equal([("0", "drain"), ("0", "reimage")], window.Select(r => (r.InstanceId!, r.Step!)).ToArray());
        Assert.Equal("RunCompleted", Assert.Single(newest).Action);
    }

    [Fact]
    public async Task RejectedRequest_IsRecordedWithAzuresErrorCode()
    {
        const string name = "audit-rejected";
        await fixture.CreateAsync(name, Fleets.ScaleSet(2));

        await Assert.ThrowsAsync<AzureException>(() => fixture.ScaleSet(name).UpdateInstancesAsync(["7"]));

        var log = await fixture.ScaleSet(name).GetActivityLogAsync(new ActivityLogQuery { Result = "NotFound" });
        Assert.Equal("UpdateInstances", Assert.Single(log).Action);
    }

    private static string Plus(string offset) =>
        Domain.Time.IsoDuration.Format(Domain.Time.IsoDuration.Parse(offset) + Fleets.Upgrade);

    private static string Describe(AuditRecord r, DateTimeOffset start) =>
        string.Join(' ', new[]
        {
            Domain.Time.IsoDuration.Format(r.Time - start), r.Caller, r.Action, r.Result,
            r.Batch is { } b ? $"batch={b}" : null,
            r.InstanceId is { } i ? $"instance={i}" : null,
            r.Step is { } s ? $"step={s}" : null,
        }.Where(p => p is not null));
}
