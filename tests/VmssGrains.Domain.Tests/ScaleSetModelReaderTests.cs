using System.Text.Json.Nodes;
using VmssGrains.Domain.Model;
using static VmssGrains.Domain.Tests.TestData;

namespace VmssGrains.Domain.Tests;

public class ScaleSetModelReaderTests
{
    private const string ProbeId = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/loadBalancers/lb1/probes/http";
    private const string RollingPolicyPath = "properties.upgradePolicy.rollingUpgradePolicy";
    private const string ExtensionsPath = "properties.virtualMachineProfile.extensionProfile.extensions";

    /// <summary>A valid Uniform scale set in Rolling mode with a load balancer probe.</summary>
    private static JsonObject Rolling() => ScaleSetModelReader.ParseObject($$"""
        {
          "sku": { "name": "Standard_D2s_v3", "capacity": 10 },
          "properties": {
            "upgradePolicy": { "mode": "Rolling", "rollingUpgradePolicy": { "maxBatchInstancePercent": 20 } },
            "virtualMachineProfile": {
              "storageProfile": { "imageReference": { "publisher": "Canonical", "offer": "ubuntu-24_04-lts", "sku": "server", "version": "1.0.0" } },
              "networkProfile": { "healthProbe": { "id": "{{ProbeId}}" } }
            }
          }
        }
        """);

    /// <summary>A value as parsed from JSON text (what users send).</summary>
    private static JsonNode Json(string text) => JsonNode.Parse(text)!;

    private static JsonObject Properties(JsonObject resource) => resource["properties"]!.AsObject();

    private static JsonObject RollingPolicy(JsonObject resource) => Properties(resource)["upgradePolicy"]!["rollingUpgradePolicy"]!.AsObject();

    private static JsonObject Profile(JsonObject resource) => Properties(resource)["virtualMachineProfile"]!.AsObject();

    private static ValidationError SingleError(JsonObject resource)
    {
        var model = ScaleSetModelReader.Read("vmss1", resource, out var errors);
        Assert.Null(model);
        return Assert.Single(errors);
    }

    private static ScaleSetModel ReadValid(JsonObject resource)
    {
        var model = ScaleSetModelReader.Read("vmss1", resource, out var errors);
        Assert.Empty(errors);
        return Assert.IsType<ScaleSetModel>(model);
    }

    private static JsonObject Extension(string name, params string[] after)
    {
        var extension = new JsonObject
        {
            ["name"] = name,
            ["properties"] = new JsonObject { ["publisher"] = "Microsoft.Azure.Extensions", ["type"] = "CustomScript" },
        };
        if (after.Length > 0)
        {
            extension["properties"]!["provisionAfterExtensions"] = new JsonArray([.. after.Select(a => (JsonNode)JsonValue.Create(a))]);
        }

        return extension;
    }

    private static JsonObject WithExtensions(JsonObject resource, params JsonObject[] extensions)
    {
        Profile(resource)["extensionProfile"] = new JsonObject { ["extensions"] = new JsonArray([.. extensions]) };
        return resource;
    }

    [Fact]
    public void Read_RestApiGetExample_ReadsAutomaticUniformScaleSet()
    {
        var example = ScaleSetModelReader.ParseObject(AzureFile("rest-api-examples/2025-04-01/VirtualMachineScaleSet_Get.json"));
        var body = example["responses"]!["200"]!["body"]!.AsObject();

        var model = ReadValid(body);

        Assert.Equal(4, model.Capacity);
        Assert.Equal(UpgradeMode.Automatic, model.UpgradePolicy.Mode);
        Assert.Equal(OrchestrationMode.Uniform, model.OrchestrationMode);
        Assert.Equal(ImageReference.Platform("azuredatabricks", "databricks", "databricksworker", "3.15.2"), model.Image);
        Assert.Equal(1, model.PlatformFaultDomainCount);
        Assert.False(model.UpgradePolicy.AutomaticOSUpgradePolicy.EnableAutomaticOSUpgrade);
        Assert.Equal("westus", model.Location);
    }

    [Fact]
    public void Read_NoLocation_IsTheDefaultLocation()
    {
        Assert.Equal(ResourceDocument.DefaultLocation, ReadValid(Rolling()).Location);
    }

    private static JsonObject CreateWithAutomaticRepairsExample() =>
        ScaleSetModelReader.ParseObject(AzureFile("rest-api-examples/2025-04-01/VirtualMachineScaleSet_Create_WithAutomaticRepairs.json"))["parameters"]!["parameters"]!.AsObject();

    [Fact]
    public void Read_RestApiCreateWithAutomaticRepairsExample_RejectsRepairsWithoutHealthSourceAsAzureDoes()
    {
        // The REST example enables automatic repairs without a probe or health extension; Azure rejects that.
        var error = SingleError(CreateWithAutomaticRepairsExample());

        Assert.Equal(
            new ValidationError("BadRequest", "properties.automaticRepairsPolicy.enabled", "Automatic repairs not supported for this Virtual Machine Scale Set because a health probe or health extension was not provided."),
            error);
    }

    [Fact]
    public void Read_RestApiCreateWithAutomaticRepairsExamplePlusProbe_ReadsCapacityImageAndRepairs()
    {
        var parameters = CreateWithAutomaticRepairsExample();
        Profile(parameters)["networkProfile"]!["healthProbe"] = new JsonObject { ["id"] = ProbeId };

        var model = ReadValid(parameters);

        Assert.Equal(3, model.Capacity);
        Assert.Equal(UpgradeMode.Manual, model.UpgradePolicy.Mode);
        Assert.Equal(OrchestrationMode.Uniform, model.OrchestrationMode);
        Assert.Equal(ImageReference.Platform("MicrosoftWindowsServer", "WindowsServer", "2016-Datacenter", "latest"), model.Image);
        Assert.True(model.AutomaticRepairsPolicy.Enabled);
        Assert.Equal(TimeSpan.FromMinutes(10), model.AutomaticRepairsPolicy.GracePeriod);
    }

    [Fact]
    public void Read_AzCliFlexiblePropertiesOutput_ReadsBarePropertiesObject()
    {
        var properties = ScaleSetModelReader.ParseObject(AzureFile("observed-outputs/az-vmss-create.flexible-automatic.vmss-properties.json"));

        var model = ReadValid(properties);

        Assert.Equal(OrchestrationMode.Flexible, model.OrchestrationMode);
        Assert.Equal(UpgradeMode.Automatic, model.UpgradePolicy.Mode);
        Assert.Equal(UpgradeMode.Manual, model.EffectiveUpgradeMode);
        Assert.Equal(ImageReference.Platform("Canonical", "0001-com-ubuntu-server-jammy", "22_04-lts-gen2", "latest"), model.Image);
        Assert.Equal(["vmss000002LB"], model.LoadBalancers.ToArray());
        Assert.Equal(1, model.PlatformFaultDomainCount);
    }

    [Fact]
    public void Read_RollingWithProbe_ReadsPolicyAndProbe()
    {
        var model = ReadValid(Rolling());

        Assert.Equal(UpgradeMode.Rolling, model.EffectiveUpgradeMode);
        Assert.Equal(10, model.Capacity);
        Assert.Equal(new LoadBalancerReference("lb1", "http"), model.HealthProbe);
        Assert.Equal(RollingUpgradePolicy.Default, model.UpgradePolicy.RollingUpgradePolicy);
    }

    [Fact]
    public void Read_PascalCasePropertyNames_AreMatchedCaseInsensitively()
    {
        var resource = ScaleSetModelReader.ParseObject($$"""
            {
              "Sku": { "Capacity": 6 },
              "Properties": {
                "UpgradePolicy": { "Mode": "Rolling", "RollingUpgradePolicy": { "MaxBatchInstancePercent": 50, "PauseTimeBetweenBatches": "PT1M" } },
                "VirtualMachineProfile": {
                  "StorageProfile": { "ImageReference": { "Publisher": "Canonical", "Offer": "ubuntu", "Sku": "server", "Version": "1.0.0" } },
                  "NetworkProfile": { "HealthProbe": { "Id": "{{ProbeId}}" } }
                }
              }
            }
            """);

        var model = ReadValid(resource);

        Assert.Equal(6, model.Capacity);
        Assert.Equal(UpgradeMode.Rolling, model.UpgradePolicy.Mode);
        Assert.Equal(50, model.UpgradePolicy.RollingUpgradePolicy.MaxBatchInstancePercent);
        Assert.Equal(TimeSpan.FromMinutes(1), model.UpgradePolicy.RollingUpgradePolicy.PauseTimeBetweenBatches);
    }

    [Fact]
    public void Read_MaxBatchInstancePercent150_RejectsWithRangeOnExactPath()
    {
        var resource = Rolling();
        RollingPolicy(resource)["maxBatchInstancePercent"] = Json("150");

        var error = SingleError(resource);

        Assert.Equal("InvalidParameter", error.Code);
        Assert.Equal($"{RollingPolicyPath}.maxBatchInstancePercent", error.Target);
        Assert.Equal("150 is out of range: allowed 5–100", error.Message);
    }

    [Fact]
    public void Read_MaxUnhealthyUpgradedInstancePercentMinusOne_RejectsWithRange()
    {
        var resource = Rolling();
        RollingPolicy(resource)["maxUnhealthyUpgradedInstancePercent"] = Json("-1");

        var error = SingleError(resource);

        Assert.Equal($"{RollingPolicyPath}.maxUnhealthyUpgradedInstancePercent", error.Target);
        Assert.Equal("-1 is out of range: allowed 0–100", error.Message);
    }

    [Fact]
    public void Read_MaxUnhealthyUpgradedInstancePercentZero_IsAllowed()
    {
        var resource = Rolling();
        RollingPolicy(resource)["maxUnhealthyUpgradedInstancePercent"] = Json("0");

        var model = ReadValid(resource);

        Assert.Equal(0, model.UpgradePolicy.RollingUpgradePolicy.MaxUnhealthyUpgradedInstancePercent);
    }

    [Fact]
    public void Read_PauseTimeInWords_RejectsAsNotIsoDuration()
    {
        var resource = Rolling();
        RollingPolicy(resource)["pauseTimeBetweenBatches"] = "5 minutes";

        var error = SingleError(resource);

        Assert.Equal($"{RollingPolicyPath}.pauseTimeBetweenBatches", error.Target);
        Assert.Equal("'5 minutes' is not an ISO 8601 duration such as PT5M", error.Message);
    }

    [Fact]
    public void Read_RollingWithoutProbeOrHealthExtension_RejectsAsBadRequest()
    {
        var resource = Rolling();
        Profile(resource).Remove("networkProfile");

        var error = SingleError(resource);

        Assert.Equal("BadRequest", error.Code);
        Assert.Equal("properties.upgradePolicy.mode", error.Target);
        Assert.Equal("Rolling Upgrade mode is not supported for this Virtual Machine Scale Set because a health probe or health extension was not provided.", error.Message);
    }

    [Fact]
    public void Read_RollingWithApplicationHealthExtensionOnly_IsValid()
    {
        var resource = Rolling();
        Profile(resource).Remove("networkProfile");
        var health = Extension("health");
        health["properties"]!["publisher"] = "Microsoft.ManagedServices";
        health["properties"]!["type"] = "ApplicationHealthLinux";
        WithExtensions(resource, health);

        var model = ReadValid(resource);

        Assert.True(model.HasHealthSource);
    }

    [Fact]
    public void Read_ExtensionCycle_RejectsOnExtensionsPath()
    {
        var resource = WithExtensions(Rolling(), Extension("a", "b"), Extension("b", "a"));

        var error = SingleError(resource);

        Assert.Equal("InvalidParameter", error.Code);
        Assert.Equal(ExtensionsPath, error.Target);
        Assert.Equal("provisionAfterExtensions forms a cycle between extensions a, b", error.Message);
    }

    [Fact]
    public void Read_UnknownProvisionAfterExtension_RejectsOnThatExtension()
    {
        var resource = WithExtensions(Rolling(), Extension("a"), Extension("b", "missing"));

        var error = SingleError(resource);

        Assert.Equal($"{ExtensionsPath}[1].properties.provisionAfterExtensions", error.Target);
        Assert.Contains("'missing'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ExtensionsWithProvisionAfter_AreReadInProvisioningOrder()
    {
        var resource = WithExtensions(Rolling(), Extension("app", "config"), Extension("config"));

        var model = ReadValid(resource);

        Assert.Equal(["config", "app"], model.Extensions.Select(e => e.Name));
    }

    [Fact]
    public void Read_UnknownUpgradeMode_RejectsListingModes()
    {
        var resource = Rolling();
        Properties(resource)["upgradePolicy"]!["mode"] = "Sometimes";

        var error = SingleError(resource);

        Assert.Equal("properties.upgradePolicy.mode", error.Target);
        Assert.Equal("'Sometimes' is not one of Manual, Automatic, Rolling", error.Message);
    }

    [Fact]
    public void Read_RepairGracePeriodFiveMinutes_RejectsOutOfTenToNinetyMinutes()
    {
        var resource = Rolling();
        Properties(resource)["automaticRepairsPolicy"] = new JsonObject { ["enabled"] = true, ["gracePeriod"] = "PT5M" };

        var error = SingleError(resource);

        Assert.Equal("properties.automaticRepairsPolicy.gracePeriod", error.Target);
        Assert.StartsWith("PT5M is out of range: allowed PT10M–", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BarePropertiesObject_UsesPathsWithoutPropertiesPrefix()
    {
        var properties = Properties(Rolling());
        properties["upgradePolicy"]!["rollingUpgradePolicy"]!["maxBatchInstancePercent"] = Json("1");

        var error = SingleError((JsonObject)properties.DeepClone());

        Assert.Equal("upgradePolicy.rollingUpgradePolicy.maxBatchInstancePercent", error.Target);
    }

    [Fact]
    public void Read_ZonesOutOfOrder_SortsNumerically()
    {
        var resource = Rolling();
        resource["zones"] = new JsonArray("10", "2", "1");

        var model = ReadValid(resource);

        Assert.Equal(["1", "2", "10"], model.Zones.ToArray());
    }

    [Fact]
    public void Read_GalleryImageIdWithoutVersion_FollowsLatest()
    {
        var resource = Rolling();
        Profile(resource)["storageProfile"]!["imageReference"] = new JsonObject
        {
            ["id"] = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/gallery1/images/web",
        };

        var model = ReadValid(resource);

        Assert.Equal(new ImageReference(ImageSource.Gallery, "web", "latest", "gallery1"), model.Image);
    }

    [Fact]
    public void Read_IntegerNodeBuiltInCode_IsAccepted()
    {
        var resource = Rolling();
        RollingPolicy(resource)["maxUnhealthyUpgradedInstancePercent"] = 0;

        var model = ReadValid(resource);

        Assert.Equal(0, model.UpgradePolicy.RollingUpgradePolicy.MaxUnhealthyUpgradedInstancePercent);
    }

    [Fact]
    public void Read_UpgradeModeListingTwoModes_IsRejected()
    {
        var resource = Rolling();
        Properties(resource)["upgradePolicy"]!["mode"] = "Manual, Rolling";

        var error = SingleError(resource);

        Assert.Equal("properties.upgradePolicy.mode", error.Target);
    }

    [Fact]
    public void Read_ProvisionAfterExtensionsWithNumber_GivesValidationError()
    {
        var resource = WithExtensions(Rolling(), Extension("a"));
        Profile(resource)["extensionProfile"]!["extensions"]![0]!["properties"]!["provisionAfterExtensions"] = Json("[1]");

        var model = ScaleSetModelReader.Read("vmss1", resource, out var errors);

        Assert.Null(model);
        Assert.Equal($"{ExtensionsPath}[0].properties.provisionAfterExtensions[0]", Assert.Single(errors).Target);
    }
    [Fact]
    public void Read_UnknownSimulationSetting_IsAnErrorNamingIt()
    {
        var resource = Rolling();
        resource["simulation"] = new JsonObject { ["flexibleUpgrade"] = true };

        var error = SingleError(resource);

        Assert.Equal(("InvalidParameter", "simulation.flexibleUpgrade"), (error.Code, error.Target));
        Assert.Equal("is not a simulation setting; allowed here: flexibleUpgrades, upgradedUnhealthyOverAllInstances", error.Message);
    }

    [Fact]
    public void Read_UnknownExtensionSimulationSetting_IsAnErrorNamingIt()
    {
        var extension = Extension("app");
        extension["simulation"] = new JsonObject { ["zzz"] = 1 };

        var error = SingleError(WithExtensions(Rolling(), extension));

        Assert.Equal($"{ExtensionsPath}[0].simulation.zzz", error.Target);
    }
}
