using System.Text.Json.Nodes;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;

namespace VmssGrains.Grains.Tests;

/// <summary>One instance's upgrade, seen on the instance: disks, extensions, baked-in images.</summary>
[Collection(ClusterCollection.Name)]
public sealed class InstanceUpgradeGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task ImageUpgrade_ReplacesTheOsDisk_KeepsTheDataDisk()
    {
        const string name = "disks";
        await fixture.CreateAsync(name, Fleets.ScaleSet(2));
        await fixture.Instance(name, "0").WriteFileAsync(dataDisk: false, "/var/log/app.log");
        await fixture.Instance(name, "0").WriteFileAsync(dataDisk: true, "/data/orders.db");

        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        await fixture.SettleAsync();

        var state = (await fixture.Instance(name, "0").GetStateAsync())!;
        Assert.Equal((2, "web:1.1.0"), (state.OsDisk.Generation, state.OsDisk.SourceImage));
        Assert.Equal([InstanceMachine.OsDiskFile("app")], state.OsDisk.Files.ToArray());
        Assert.Equal(["/data/extensions/app/state", "/data/orders.db"], state.DataDisk.Files.ToArray());
        Assert.Equal(1, state.DataDisk.Generation);

        await fixture.ScaleSet(name).ReimageAsync(["0"], all: true);
        await fixture.SettleAsync();

        var wiped = (await fixture.Instance(name, "0").GetStateAsync())!;
        Assert.Equal((3, 2), (wiped.OsDisk.Generation, wiped.DataDisk.Generation));
        Assert.Equal([InstanceMachine.DataDiskFile("app")], wiped.DataDisk.Files.ToArray());
    }

    [Fact]
    public async Task InstanceView_MidUpgrade_ShowsTheStepUnderWayThoughOnlyTheLastStepHasATimer()
    {
        const string name = "computed-steps";
        await fixture.CreateAsync(name, Fleets.ScaleSet(1));
        var start = fixture.Now;
        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));

        // 10 s drain, 3 min reimage, 1 min boot, 2 min extension, 10 s probes: the middle steps are computed ahead.
        await fixture.Clock.RunUntilAsync(start + TimeSpan.FromSeconds(100));
        var reimaging = (await fixture.Instance(name, "0").GetStateAsync())!;
        Assert.Equal(InstanceStep.Reimaging, reimaging.Active!.Step);
        Assert.Equal(["drain"], reimaging.Active.History.Select(h => h.Step).ToArray());
        Assert.Equal(start + TimeSpan.FromSeconds(10), reimaging.Active.StepStartedAt);

        await fixture.Clock.RunUntilAsync(start + TimeSpan.FromSeconds(300));
        var extension = (await fixture.Instance(name, "0").GetStateAsync())!;
        Assert.Equal(InstanceStep.Extension, extension.Active!.Step);
        Assert.Equal(["drain", "reimage", "boot"], extension.Active.History.Select(h => h.Step).ToArray());
        Assert.Equal(start + TimeSpan.FromSeconds(250), extension.Active.StepStartedAt);

        Assert.Equal(start + Fleets.Upgrade, await fixture.SettleAsync());
        Assert.Null((await fixture.Instance(name, "0").GetStateAsync())!.Active);
    }

    [Fact]
    public async Task ForcedUnhealthy_MidExtension_TheComputedProbeIsRecomputedAndFails()
    {
        const string name = "computed-steps-fault";
        await fixture.CreateAsync(name, Fleets.ScaleSet(1));
        var start = fixture.Now;
        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        await fixture.Clock.RunUntilAsync(start + TimeSpan.FromSeconds(300));

        // Computed ahead from a healthy VM, the probe would succeed at 380 s; unhealthy after its reimage (which would
        // have healed it), it must wait out the timeout.
        await fixture.ScaleSet(name).SetUnhealthyAsync(["0"], unhealthy: true);
        await fixture.SettleAsync();

        // 370 s to the probe, then the 5-minute health wait timeout instead of 10 s of probes.
        var state = (await fixture.Instance(name, "0").GetStateAsync())!;
        Assert.Equal(HealthState.Unhealthy, state.Health);
        Assert.Equal(start + TimeSpan.FromSeconds(370 + 300), state.LastOperationEnd);
    }

    [Fact]
    public async Task Extensions_RunInProvisionAfterExtensionsOrder()
    {
        const string name = "extension-order";
        var extensions = new JsonArray(
            new JsonObject { ["name"] = "agent", ["properties"] = new JsonObject { ["type"] = "CustomScript" } },
            new JsonObject { ["name"] = "app", ["properties"] = new JsonObject { ["type"] = "CustomScript", ["provisionAfterExtensions"] = new JsonArray("config") } },
            new JsonObject { ["name"] = "config", ["properties"] = new JsonObject { ["type"] = "CustomScript", ["provisionAfterExtensions"] = new JsonArray("agent") } });
        await fixture.CreateAsync(name, Fleets.ScaleSet(1, extensionObjects: extensions));
        var start = fixture.Now;

        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        var end = await fixture.SettleAsync();

        var state = (await fixture.Instance(name, "0").GetStateAsync())!;
        Assert.Equal(["agent", "config", "app"], state.Extensions.Select(e => e.Name).ToArray());
        Assert.All(state.Extensions, e => Assert.Equal("Succeeded", e.ProvisioningState));

        // 10 s drain + 3 min reimage + 1 min boot + 3 × 2 min extensions + 10 s probes.
        Assert.Equal(start + TimeSpan.FromSeconds(620), end);
    }

    [Fact]
    public async Task AppOnlyChange_DoesNotReimage_AndRerunsOnlyTheChangedExtension()
    {
        const string name = "app-only";
        await fixture.CreateAsync(name, Fleets.ScaleSet(1, extensions: ["agent", "app"]));
        var start = fixture.Now;
        var patch = """
            { "properties": { "virtualMachineProfile": { "extensionProfile": { "extensions": [
              { "name": "agent", "properties": { "type": "CustomScript" } },
              { "name": "app", "properties": { "type": "CustomScript", "settings": { "version": "2" } } } ] } } } }
            """;

        await fixture.ScaleSet(name).UpdateAsync(patch);
        var end = await fixture.SettleAsync();

        var state = (await fixture.Instance(name, "0").GetStateAsync())!;
        Assert.Equal((1, "1.0.0", 2), (state.OsDisk.Generation, state.Image.Version, state.ModelVersion));

        // Drain 10 s, one extension 2 min, probes 10 s: no reimage, no boot.
        Assert.Equal(start + TimeSpan.FromSeconds(140), end);
    }

    [Fact]
    public async Task BakedInImage_MakesTheApplicationExtensionFast()
    {
        const string name = "baked-in";
        await fixture.CreateAsync(name, Fleets.ScaleSet(1));
        var start = fixture.Now;

        // Version 1.2.0 of the test gallery carries the app: its extension takes the baked-in 10 s, not 2 min.
        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.2.0"));
        var end = await fixture.SettleAsync();

        Assert.Equal(start + TimeSpan.FromSeconds(10 + 180 + 60 + 10 + 10), end);
    }
}
