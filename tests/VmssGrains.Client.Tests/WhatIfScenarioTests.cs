using System.Text.Json.Nodes;
using VmssGrains.Client.Cli;
using VmssGrains.Domain.Azure;
using VmssGrains.Simulation.Scenarios;

namespace VmssGrains.Client.Tests;

/// <summary>
/// <see cref="WhatIfScenario.Build"/> without the console: the scenario built from the real scale set documents that
/// <c>create --file</c> takes (REST API examples of tests/fixtures/azure, and examples/azure/api.vmss.json, a REST GET of
/// the seed's scale set), with the change given as <c>--image-version</c> and <c>--set</c>; and every bad input's one line.
/// </summary>
public sealed class WhatIfScenarioTests
{
    private const string Api = "examples/azure/api.vmss.json";
    private const string Get = "tests/fixtures/azure/rest-api-examples/2025-04-01/VirtualMachineScaleSet_Get.json";
    private const string ScheduledEvents = "tests/fixtures/azure/rest-api-examples/2025-04-01/VirtualMachineScaleSet_Create_WithOSImageScheduledEventEnabled.json";
    private const string ExternalHealth = "tests/fixtures/azure/rest-api-examples/2025-11-01/VirtualMachineScaleSet_Create_WithExternalHealthPolicy.json";
    private const string AzShow = "examples/azure/api.vmss.az-show.json";
    private const string Observed = "tests/fixtures/azure/observed-outputs/az-vmss-create.flexible-automatic.vmss-properties.json";
    private const string GalleryImage = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-api/providers/Microsoft.Compute/galleries/images/images/ubuntu-api";

    private static JsonObject Document(string path) => ResourceFiles.ReadObject(Path.Combine(Repo.Root, path));

    private static WhatIfPlan Build(string path, string? version, params string[] sets) =>
        Build(Document(path), path, version, sets);

    private static WhatIfPlan Build(JsonObject document, string path, string? version, params string[] sets) =>
        WhatIfScenario.Build(new WhatIfRequest(document, path) { ImageVersion = version, Sets = [.. sets.Select(GenericUpdateOperation.Set)] });

    private static string Error(string path, string? version, params string[] sets) =>
        Assert.Throws<WhatIfException>(() => Build(path, version, sets)).Message;

    private static void Same(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}\nactual   {actual?.ToJsonString()}");

    private static JsonObject Patch(WhatIfPlan plan) => plan.File["actions"]![0]!["patch"]!.AsObject();

    /// <summary>Setting the image reference to another version of the same gallery image, as az vmss update --set does, is the same change as --image-version.</summary>
    [Fact]
    public void Build_SetOfTheImageIdToAnotherVersion_SameScenarioAsImageVersion()
    {
        var byVersion = Build(Api, "2024.07.0");
        var bySet = Build(Api, null, $"virtualMachineProfile.storageProfile.imageReference.id={GalleryImage}/versions/2024.07.0");

        Assert.Equal(byVersion.File["images"]!.ToJsonString(), bySet.File["images"]!.ToJsonString());
        Assert.Equal(byVersion.File["actions"]!.ToJsonString(), bySet.File["actions"]!.ToJsonString());
        Assert.Equal(byVersion.Follows, bySet.Follows);
        Assert.Equal(byVersion.Read.Select(r => r.ToString()), bySet.Read.Select(r => r.ToString()));
    }

    [Fact]
    public void Build_GalleryImageBehindAProbe_NamesTheLoadBalancerProbeAndImageAsTheIdsDo()
    {
        var plan = Build(Api, "2024.07.0");

        Assert.Equal("api", plan.ScaleSet);
        var scaleSet = plan.File["scaleSets"]![0]!;
        Assert.Equal(("api", "westeurope", 6L), (scaleSet.Str("name")!, scaleSet.Str("location")!, scaleSet["sku"].Whole("capacity")));
        Assert.Equal(["1", "2", "3"], scaleSet.Strings("zones"));
        Same("""[{"name":"api-lb","probe":{"name":"health","protocol":"Http","port":80,"requestPath":"/","intervalInSeconds":5,"numberOfProbes":2}}]""", plan.File["loadBalancers"]);
        Same("""[{"name":"ubuntu-api","versions":["2024.06.0","2024.07.0"]}]""", plan.File["images"]);
        Same("""[{"at":"PT0S","action":"update","scaleSet":"api","patch":{"properties":{"virtualMachineProfile":{"storageProfile":{"imageReference":{"id":"@IMAGE@/versions/2024.07.0"}}}}}}]""".Replace("@IMAGE@", GalleryImage, StringComparison.Ordinal), plan.File["actions"]);
        Assert.Equal(0L, plan.File.Whole("seed"));
        Assert.Null(plan.File["timing"]);
        Assert.Equal(
            [
                ("Scale set", "api (westeurope, Uniform, 6 instances × Standard_D2s_v5, zones 1 2 3)"),
                ("Upgrade policy", "Rolling: batches of 34 % (2 of 6), max unhealthy 34 %, max unhealthy upgraded 20 %, pause PT2M"),
                ("Health", "load balancer probe api-lb/probes/health (networkProfile.healthProbe.id)"),
                ("Load balancers", "api-lb (backend pool api-pool, probe health)"),
                ("Extensions", "install-python-api"),
                ("Image", "gallery image ubuntu-api, version 2024.06.0 → 2024.07.0"),
            ],
            plan.Read.Select(r => (r.Label, r.Text)).ToArray());
        Assert.Equal("Rolling: the update starts a rolling upgrade of the 6 instances, batches of up to 2, one zone at a time, PT2M between batches; it faults when more than 34 % of the instances are unhealthy before a batch or more than 20 % of the upgraded ones after it", plan.Follows);
        Assert.Equal(3, plan.Assumptions.Length);
        Assert.StartsWith("probe api-lb/probes/health: Http on port 80, path /, every 5 s, healthy after 2 successes in a row", plan.Assumptions[1], StringComparison.Ordinal);

        // The scenario that runs is the file read back.
        var action = Assert.Single(plan.Scenario.Actions);
        Assert.Equal((ScenarioActionKind.Update, "api", TimeSpan.Zero), (action.Kind, action.ScaleSet!, action.At));
        Assert.Equal(["2024.06.0", "2024.07.0"], plan.Scenario.Images.Select(i => i.Version));
        Assert.Equal(("api-lb", 80, 5, 2), (plan.Scenario.LoadBalancers[0].Name, plan.Scenario.LoadBalancers[0].Config.Port, plan.Scenario.LoadBalancers[0].Config.IntervalInSeconds, plan.Scenario.LoadBalancers[0].Config.NumberOfProbes));
    }

    [Fact]
    public void Build_SetAndImageVersion_AreOneUpdateAndThePolicyItSetsDecidesTheBatches()
    {
        var plan = Build(Api, "2024.07.0", "upgradePolicy.rollingUpgradePolicy.maxBatchInstancePercent=50", "upgradePolicy.rollingUpgradePolicy.enableCrossZoneUpgrade=true");
        var wider = Build(Api, "2024.07.0", "upgradePolicy.rollingUpgradePolicy.maxBatchInstancePercent=50", "upgradePolicy.rollingUpgradePolicy.maxUnhealthyInstancePercent=50", "upgradePolicy.rollingUpgradePolicy.enableCrossZoneUpgrade=true");

        Same("""{"properties":{"virtualMachineProfile":{"storageProfile":{"imageReference":{"id":"@IMAGE@/versions/2024.07.0"}}},"upgradePolicy":{"rollingUpgradePolicy":{"maxBatchInstancePercent":50,"enableCrossZoneUpgrade":true}}}}""".Replace("@IMAGE@", GalleryImage, StringComparison.Ordinal), Patch(plan));
        Assert.StartsWith("Rolling: the update starts a rolling upgrade of the 6 instances, batches of up to 2 (maxBatchInstancePercent gives 3, but a batch counts as unhealthy while it upgrades and maxUnhealthyInstancePercent allows 2), PT2M between batches;", plan.Follows, StringComparison.Ordinal);
        Assert.StartsWith("Rolling: the update starts a rolling upgrade of the 6 instances, batches of up to 3, PT2M between batches; it faults when more than 50 % of the instances", wider.Follows, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_SetAlone_ChangesThePolicyAndUpgradesNothing()
    {
        var plan = Build(Api, null, "upgradePolicy.rollingUpgradePolicy.pauseTimeBetweenBatches=PT5M");

        Same("""{"properties":{"upgradePolicy":{"rollingUpgradePolicy":{"pauseTimeBetweenBatches":"PT5M"}}}}""", Patch(plan));
        Same("""[{"name":"ubuntu-api","versions":["2024.06.0"]}]""", plan.File["images"]);
        Assert.Equal("the model (virtualMachineProfile) does not change, so no instance is upgraded: the change only sets the scale set's properties", plan.Follows);
    }

    [Fact]
    public void Build_RestGetExample_AutomaticModeMarketplaceImageAndNoHealthSource()
    {
        var plan = Build(Get, "3.16.0");

        Assert.Equal("myVirtualMachineScaleSet", plan.ScaleSet);
        Assert.Equal(4L, plan.File["scaleSets"]![0]!["sku"].Whole("capacity"));
        Assert.Null(plan.File["loadBalancers"]);
        Assert.Null(plan.File["images"]);
        Same("""{"properties":{"virtualMachineProfile":{"storageProfile":{"imageReference":{"version":"3.16.0"}}}}}""", Patch(plan));
        Assert.Equal("marketplace image azuredatabricks:databricks:databricksworker, version 3.15.2 → 3.16.0", plan.Read[5].Text);
        Assert.Equal("none: no health probe and no Application Health extension, so an instance counts as healthy once it has booted and its extensions have succeeded (no health gate)", plan.Read[2].Text);
        Assert.Equal("none: the instances are in no backend pool", plan.Read[3].Text);
        Assert.Equal("Automatic: the update upgrades all 4 instances at once, in one batch with no health gate", plan.Follows);
        Assert.Equal("marketplace images are outside the simulated gallery: 3.16.0 of azuredatabricks:databricks:databricksworker is taken to exist, available at once", plan.Assumptions[1]);
    }

    [Fact]
    public void Build_RestCreateExample_ManualModeLatestMarketplaceImage_IsPinnedAndNothingMoves()
    {
        var plan = Build(ScheduledEvents, "14393.4169.2101090332");

        // The example names its scale set {vmss-name}: the file's name stands in, as create --file does.
        Assert.Equal("VirtualMachineScaleSet_Create_WithOSImageScheduledEventEnabled", plan.ScaleSet);
        Assert.Equal(3L, plan.File["scaleSets"]![0]!["sku"].Whole("capacity"));
        Same("""{"properties":{"virtualMachineProfile":{"storageProfile":{"imageReference":{"version":"14393.4169.2101090332"}}}}}""", Patch(plan));
        Assert.Equal("marketplace image MicrosoftWindowsServer:WindowsServer:2016-Datacenter, version latest → 14393.4169.2101090332", plan.Read[5].Text);
        Assert.Equal("Manual: the model changes and no instance is upgraded until update-instances (or a reimage) names it, so the prediction shows all 3 instances left on the previous model", plan.Follows);
        Assert.Equal("marketplace images are outside the simulated gallery: the instances run what latest of MicrosoftWindowsServer:WindowsServer:2016-Datacenter was when they were created, and the change pins 14393.4169.2101090332, available at once", plan.Assumptions[1]);
    }

    [Fact]
    public void Build_ExternalHealthExample_SetOfTheModeGoesWithTheImage()
    {
        var plan = Build(ExternalHealth, "14393.4169.2101090332", "upgradePolicy.mode=Automatic");

        Same("""{"properties":{"virtualMachineProfile":{"storageProfile":{"imageReference":{"version":"14393.4169.2101090332"}}},"upgradePolicy":{"mode":"Automatic"}}}""", Patch(plan));
        Assert.Equal("Manual", plan.Read[1].Text);
        Assert.Equal("Automatic: the update upgrades all 3 instances at once, in one batch with no health gate", plan.Follows);
    }

    [Fact]
    public void Build_GalleryLatestWithoutAutomaticOSUpgrades_PinsTheVersionBeforeTheTarget()
    {
        var document = Document(Api);
        document["properties"]!["virtualMachineProfile"]!["storageProfile"]!["imageReference"]!["id"] = GalleryImage;

        var plan = Build(document, Api, "2024.07.0");

        Assert.Equal($"{GalleryImage}/versions/2024.06.0", plan.File["scaleSets"]![0]!["properties"]!["virtualMachineProfile"]!["storageProfile"]!["imageReference"].Str("id"));
        Same("""[{"name":"ubuntu-api","versions":["2024.06.0","2024.07.0"]}]""", plan.File["images"]);
        Same("""{"properties":{"virtualMachineProfile":{"storageProfile":{"imageReference":{"id":"@IMAGE@/versions/2024.07.0"}}}}}""".Replace("@IMAGE@", GalleryImage, StringComparison.Ordinal), Patch(plan));
        Assert.Equal("gallery image ubuntu-api, latest (taken as 2024.06.0) → 2024.07.0", plan.Read[5].Text);
    }

    [Fact]
    public void Build_GalleryLatestWithAutomaticOSUpgrades_PublishesTheVersionAndThePlatformFollows()
    {
        var document = Document(Api);
        document["properties"]!["virtualMachineProfile"]!["storageProfile"]!["imageReference"]!["id"] = GalleryImage;
        document["properties"]!["upgradePolicy"]!["automaticOSUpgradePolicy"] = new JsonObject { ["enableAutomaticOSUpgrade"] = true };

        var plan = Build(document, Api, "2024.07.0");

        Same("""[{"name":"ubuntu-api","versions":["2024.06.0"]}]""", plan.File["images"]);
        Same("""[{"at":"PT0S","action":"publishImageVersion","image":"ubuntu-api","version":"2024.07.0"}]""", plan.File["actions"]);
        Assert.Equal(GalleryImage, plan.File["scaleSets"]![0]!["properties"]!["virtualMachineProfile"]!["storageProfile"]!["imageReference"].Str("id"));
        Assert.Equal("automatic OS upgrade: once 2024.07.0 has replicated (PT10M), the platform upgrades the instances in batches of 20 %, one zone at a time, an instance that stays unhealthy rolled back to its previous OS disk", plan.Follows);
        Assert.Equal(ScenarioActionKind.PublishImageVersion, Assert.Single(plan.Scenario.Actions).Kind);
    }

    [Fact]
    public void Build_BadInput_IsOneLineNamingIt()
    {
        Assert.Equal(
            "tests/fixtures/azure/observed-outputs/Get-AzVmssRollingUpgrade.Completed.json: no scale set in this document; give a scale set as az vmss show or the REST API print it",
            Error("tests/fixtures/azure/observed-outputs/Get-AzVmssRollingUpgrade.Completed.json", "1.0.0"));
        Assert.Equal(
            "tests/fixtures/azure/rest-api-examples/2025-04-01/VirtualMachineScaleSet_Create_WithAutomaticRepairs.json: scale set 'VirtualMachineScaleSet_Create_WithAutomaticRepairs' would be refused by Azure: (BadRequest) properties.automaticRepairsPolicy.enabled: Automatic repairs not supported for this Virtual Machine Scale Set because a health probe or health extension was not provided.",
            Error("tests/fixtures/azure/rest-api-examples/2025-04-01/VirtualMachineScaleSet_Create_WithAutomaticRepairs.json", "1.0.0"));
        Assert.Equal("--set: 'upgradePolicy.mood' does not exist in scale set 'api' (upgradePolicy has: mode, rollingUpgradePolicy, automaticOSUpgradePolicy)", Error(Api, null, "upgradePolicy.mood=Manual"));
        Assert.Equal("--image-version: 'abc' is not a valid gallery image version (character 1 is 'a'): use Major.Minor.Patch (or Major.Minor), whole numbers such as 1.2.0", Error(Api, "abc"));
        Assert.Equal("nothing to change: give the change you are about to make, --image-version V and/or --set path=value", Error(Api, null));
        Assert.Equal("--image-version: scale set 'api' already runs version 2024.06.0 of image ubuntu-api; give the version you are moving to", Error(Api, "2024.06.0"));
        Assert.Equal("--set: scale set 'api' would refuse the change: properties.upgradePolicy.rollingUpgradePolicy.maxBatchInstancePercent: 500 is out of range: allowed 5–100", Error(Api, null, "upgradePolicy.rollingUpgradePolicy.maxBatchInstancePercent=500"));
        Assert.Equal("--set: the change leaves scale set 'api' as it is; give the change you are about to make", Error(Api, null, "upgradePolicy.mode=Rolling"));
    }

    [Fact]
    public void Build_AzVmssShowOfTheUniformScaleSet_GivesTheScenarioOfItsRestTwin()
    {
        var rest = Build(Api, "2024.07.0", "upgradePolicy.rollingUpgradePolicy.pauseTimeBetweenBatches=PT1M");
        var flattened = Build(AzShow, "2024.07.0", "upgradePolicy.rollingUpgradePolicy.pauseTimeBetweenBatches=PT1M");

        // Only the first description line differs: it names the file.
        Assert.Equal("what-if from api.vmss.az-show.json: scale set api", flattened.File["description"]![0]!.GetValue<string>());
        flattened.File["description"]![0] = rest.File["description"]![0]!.GetValue<string>();
        Assert.True(JsonNode.DeepEquals(rest.File, flattened.File), $"REST\n{rest.File}\naz\n{flattened.File}");
        Assert.Equal(string.Join('\n', rest.Read), string.Join('\n', flattened.Read));
        Assert.Equal((rest.Change, rest.Follows), (flattened.Change, flattened.Follows));
        Assert.Equal(string.Join('\n', rest.Assumptions), string.Join('\n', flattened.Assumptions));
        Assert.Null(flattened.File["scaleSets"]![0]!["resourceGroup"]);
    }

    [Fact]
    public void Build_ObservedAzCreateOutputOfAFlexibleScaleSet_ModelChangesAndNothingMoves()
    {
        var plan = Build(Observed, "22.04.202408010");

        Assert.Equal("az-vmss-create.flexible-automatic.vmss-properties", plan.ScaleSet);
        Assert.Equal(
            [
                ("Scale set", "az-vmss-create.flexible-automatic.vmss-properties (eastus, Flexible, 2 instances, regional)"),
                ("Upgrade policy", "Automatic (effectively Manual: orchestrationMode Flexible)"),
                ("Health", "none: no health probe and no Application Health extension, so an instance counts as healthy once it has booted and its extensions have succeeded (no health gate)"),
                ("Load balancers", "vmss000002LB (backend pool vmss000002LBBEPool)"),
                ("Extensions", "none"),
                ("Image", "marketplace image Canonical:0001-com-ubuntu-server-jammy:22_04-lts-gen2, version latest → 22.04.202408010"),
            ],
            plan.Read.Select(r => (r.Label, r.Text)).ToArray());
        Same("""{"properties":{"virtualMachineProfile":{"storageProfile":{"imageReference":{"version":"22.04.202408010"}}}}}""", Patch(plan));
        Same("""[{"name":"vmss000002LB"}]""", plan.File["loadBalancers"]);
        Assert.Equal("Manual (orchestrationMode Flexible makes upgradePolicy.mode Automatic effectively Manual): the model changes and no instance is upgraded until update-instances (or a reimage) names it, so the prediction shows all 2 instances left on the previous model", plan.Follows);
        Assert.Equal(
            string.Join('\n', new[]
            {
                $"step durations: the simulator's default timing profile, whatever the OS ({WhatIfScenario.DefaultTiming}); the scale set's JSON says nothing about how long its image takes",
                "marketplace images are outside the simulated gallery: the instances run what latest of Canonical:0001-com-ubuntu-server-jammy:22_04-lts-gen2 was when they were created, and the change pins 22.04.202408010, available at once",
                "no offered load: a load balancer's traffic is not in the scale set's JSON, so the report counts capacity in service but no requests (give loadBalancers[].load in the saved scenario)",
                "name: the document names no scale set, so it is named after the file: az-vmss-create.flexible-automatic.vmss-properties",
                "capacity: the document has no sku.capacity (az vmss create prints the properties only), so 2 instances, as create gives a scale set without one",
                "location: the document has none, so eastus, the simulator's default",
                "orchestrationMode Flexible: the simulator runs upgradePolicy.mode Automatic as Manual (docs/behaviour.md#orchestration-modes); Azure now also upgrades Flexible scale sets by their policy: --set simulation.flexibleUpgrades=true predicts that",
            }),
            string.Join('\n', plan.Assumptions));
    }

    [Fact]
    public void Build_FlexibleWithFlexibleUpgrades_FollowsItsModeAsWritten()
    {
        var plan = Build(Observed, "22.04.202408010", "simulation.flexibleUpgrades=true");

        // What the file says is read as it is; the change is what makes the mode apply.
        Assert.Equal("Automatic (effectively Manual: orchestrationMode Flexible)", plan.Read[1].Text);
        Assert.Equal("Automatic: the update upgrades all 2 instances at once, in one batch with no health gate", plan.Follows);
        Assert.DoesNotContain(plan.Assumptions, a => a.StartsWith("orchestrationMode", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_FlattenedWithoutVirtualMachineProfile_IsOneLine()
    {
        var document = Document(AzShow);
        document.Remove("virtualMachineProfile");

        Assert.Equal(
            "examples/azure/api.vmss.az-show.json: scale set 'api' would be refused by Azure: (InvalidParameter) properties.virtualMachineProfile: is required: the scale set needs a virtualMachineProfile with an imageReference",
            Assert.Throws<WhatIfException>(() => Build(document, AzShow, "2024.07.0")).Message);
    }

    [Fact]
    public void Build_ImageVersionOfAnImageWithoutVersions_IsRefused()
    {
        var managed = Document(Api);
        managed["properties"]!["virtualMachineProfile"]!["storageProfile"]!["imageReference"]!["id"] = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-api/providers/Microsoft.Compute/images/api-image";
        var latestMarketplace = Document(Get);
        var properties = latestMarketplace["responses"]!["200"]!["body"]!["properties"]!;
        properties["virtualMachineProfile"]!["storageProfile"]!["imageReference"]!["version"] = "latest";
        properties["upgradePolicy"] = JsonNode.Parse("""{"mode":"Automatic","automaticOSUpgradePolicy":{"enableAutomaticOSUpgrade":true}}""");
        properties["virtualMachineProfile"]!["extensionProfile"] = JsonNode.Parse("""{"extensions":[{"name":"health","properties":{"publisher":"Microsoft.ManagedServices","type":"ApplicationHealthLinux","typeHandlerVersion":"1.0","settings":{"protocol":"http","port":80,"requestPath":"/"}}}]}""");

        Assert.Equal(
            "--image-version: scale set 'api' uses the managed image /subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-api/providers/Microsoft.Compute/images/api-image, which has no versions; give the new image with --set virtualMachineProfile.storageProfile.imageReference.id=ID",
            Assert.Throws<WhatIfException>(() => Build(managed, Api, "1.1.0")).Message);
        Assert.Equal(
            "--image-version: scale set 'myVirtualMachineScaleSet' follows latest of marketplace image azuredatabricks:databricks:databricksworker with automatic OS upgrades: Azure rolls new marketplace versions out by itself, and the simulator has no marketplace catalog to publish 3.16.0 in; use a gallery image",
            Assert.Throws<WhatIfException>(() => Build(latestMarketplace, Get, "3.16.0")).Message);
    }
}
