using System.Text.Json.Nodes;
using VmssGrains.Domain;
using VmssGrains.Domain.Faults;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;

namespace VmssGrains.Grains.Tests;

/// <summary>Extension upgrades (startExtensionUpgrade, forceUpdateTag, suppressFailures) and Flexible orchestration.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ExtensionsAndFlexibleGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task StartExtensionUpgrade_RerunsEveryExtensionInRollingBatches_WithoutReimaging()
    {
        const string name = "extension-upgrade";
        await fixture.CreateAsync(name, Fleets.ScaleSet(4, mode: "Manual", policy: Fleets.Policy(batch: 50, unhealthy: 50)));
        var start = fixture.Now;

        await fixture.ScaleSet(name).StartExtensionUpgradeAsync();
        var end = await fixture.SettleAsync();

        var run = (await fixture.ScaleSet(name).GetLatestRollingUpgradeAsync())!.Run;
        Assert.Equal((RunKind.ExtensionUpgrade, RunStatusCode.Completed, 2), (run.Kind, run.Code, run.Batches.Count));

        // Drain 10 s, the extension 2 min, probes 10 s; no reimage, no boot.
        Assert.Equal(start + TimeSpan.FromSeconds(2 * 140), end);
        Assert.All(await fixture.StatesAsync(name), s => Assert.Equal((1, 1, "Succeeded"), (s.OsDisk.Generation, s.OperationSerial, s.Extensions.Single().ProvisioningState)));
    }

    [Fact]
    public async Task ForceUpdateTag_ChangedInAnUpdate_RerunsOnlyThatExtension()
    {
        const string name = "force-update-tag";
        await fixture.CreateAsync(name, Fleets.ScaleSet(1, extensions: ["agent", "app"]));
        var start = fixture.Now;
        var patch = """
            { "properties": { "virtualMachineProfile": { "extensionProfile": { "extensions": [
              { "name": "agent", "properties": { "type": "CustomScript" } },
              { "name": "app", "properties": { "type": "CustomScript", "forceUpdateTag": "2" } } ] } } } }
            """;

        await fixture.ScaleSet(name).UpdateAsync(patch);
        var end = await fixture.SettleAsync();

        var state = (await fixture.Instance(name, "0").GetStateAsync())!;
        Assert.Equal((1, 2, "2"), (state.OsDisk.Generation, state.ModelVersion, state.Extensions.Single(e => e.Name == "app").ForceUpdateTag));
        Assert.Equal(start + TimeSpan.FromSeconds(140), end);
    }

    [Fact]
    public async Task SuppressFailures_AFailingExtensionDoesNotFailTheInstance()
    {
        const string name = "suppress-failures";
        var extensions = new JsonArray(new JsonObject { ["name"] = "monitoring", ["properties"] = new JsonObject { ["type"] = "CustomScript", ["suppressFailures"] = true } });
        var faults = new FaultRules { ExtensionFailures = [new ExtensionFault("monitoring", 0, ["0"])] };
        await fixture.CreateAsync(name, Fleets.ScaleSet(2, policy: Fleets.Policy(batch: 50, unhealthy: 50, upgradedUnhealthy: 0), extensionObjects: extensions), faults: faults);

        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        await fixture.SettleAsync();

        var run = (await fixture.ScaleSet(name).GetLatestRollingUpgradeAsync())!.Run;
        Assert.Equal((RunStatusCode.Completed, (2, 0, 0, 0)), (run.Code, run.Progress));
        var zero = (await fixture.Instance(name, "0").GetStateAsync())!;
        Assert.Equal(("Succeeded", HealthState.Healthy, "Failed"), (zero.ProvisioningState, zero.Health, zero.Extensions.Single().ProvisioningState));
    }

    [Fact]
    public async Task Flexible_IsManualOnly_UnlessTheOptInIsSet()
    {
        const string name = "flexible-seed";
        await fixture.CreateAsync(name, Flexible(optIn: false));

        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        await fixture.SettleAsync();

        var snapshot = await fixture.ScaleSet(name).GetSnapshotAsync();
        Assert.Equal((UpgradeMode.Rolling, UpgradeMode.Manual), (snapshot.Model.UpgradePolicy.Mode, snapshot.Model.EffectiveUpgradeMode));
        Assert.Empty(snapshot.Runs);
        Assert.All(snapshot.Instances, i => Assert.Equal(1, i.ModelVersion));
        var error = await Assert.ThrowsAsync<AzureException>(() => fixture.ScaleSet(name).ReimageAsync([], all: true));
        Assert.Equal("OperationNotAllowed", error.Code);
    }

    [Fact]
    public async Task Flexible_WithTheOptIn_RollsWithTheHealthExtensionAndDoesNotDrain()
    {
        const string name = "flexible-opt-in";
        await fixture.CreateAsync(name, Flexible(optIn: true));
        var start = fixture.Now;

        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        var end = await fixture.SettleAsync();

        var run = (await fixture.ScaleSet(name).GetLatestRollingUpgradeAsync())!.Run;
        Assert.Equal((RunStatusCode.Completed, 2), (run.Code, run.Succeeded.Count));

        // No drain on Flexible: reimage 3 min, boot 1 min, the app and the health extension 2 min each, one 5 s probe.
        Assert.Equal(start + (2 * TimeSpan.FromSeconds(180 + 60 + 120 + 120 + 5)), end);
    }

    private static string Flexible(bool optIn)
    {
        var extensions = new JsonArray(
            new JsonObject { ["name"] = "app", ["properties"] = new JsonObject { ["type"] = "CustomScript" } },
            new JsonObject { ["name"] = "health", ["properties"] = new JsonObject { ["publisher"] = "Microsoft.ManagedServices", ["type"] = "ApplicationHealthLinux" } });
        var resource = JsonNode.Parse(Fleets.ScaleSet(2, policy: Fleets.Policy(batch: 50, unhealthy: 50), extensionObjects: extensions))!.AsObject();
        resource["properties"]!["orchestrationMode"] = "Flexible";
        resource["properties"]!["virtualMachineProfile"]!["networkProfile"] = new JsonObject();
        if (optIn)
        {
            resource["simulation"] = new JsonObject { ["flexibleUpgrades"] = true };
        }

        return resource.ToJsonString();
    }
}
