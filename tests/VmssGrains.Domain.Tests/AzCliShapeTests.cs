using System.Text.Json.Nodes;
using VmssGrains.Domain.Azure;
using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.Tests;

/// <summary>
/// az's flattened scale set (<c>az vmss show</c>) read by <see cref="AzureDocuments"/> as its REST form:
/// examples/azure/api.vmss.az-show.json is examples/azure/api.vmss.json as az prints it (no properties wrappers,
/// extension type as typePropertiesType, resourceGroup, unset members as null, keys sorted).
/// </summary>
public class AzCliShapeTests
{
    private static JsonObject Example(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "examples", "azure", name);
            if (File.Exists(path))
            {
                return ScaleSetModelReader.ParseObject(File.ReadAllText(path));
            }
        }

        throw new FileNotFoundException($"examples/azure/{name} not found above {AppContext.BaseDirectory}");
    }

    [Fact]
    public void ScaleSets_AzVmssShowOfAUniformScaleSet_IsItsRestTwin()
    {
        var flattened = Example("api.vmss.az-show.json");
        var rest = Example("api.vmss.json");

        var found = Assert.Single(AzureDocuments.ScaleSets(flattened, "api.vmss.az-show.json", null));

        Assert.Equal(AzureDocumentKind.ScaleSetFlattened, AzureDocuments.Kind(flattened));
        Assert.Equal(AzureDocumentKind.ScaleSet, AzureDocuments.Kind(rest));
        Assert.Equal("resource (az, flattened)", found.Source);
        Assert.True(JsonNode.DeepEquals(rest, found.Resource), $"expected {rest.ToJsonString()}\nactual   {found.Resource.ToJsonString()}");
        Assert.Equal("api", found.SuggestedName);
    }

    [Fact]
    public void ScaleSets_FlattenedAzNamesAndNulls_GoWhereTheRestFormHasThem()
    {
        var flattened = ScaleSetModelReader.ParseObject("""
            {"id":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachineScaleSets/web","name":"web","resourceGroup":"rg",
             "type":"Microsoft.Compute/virtualMachineScaleSets","location":"eastus","sku":{"name":"Standard_D2s_v5","capacity":3},"identity":null,
             "orchestrationMode":"Uniform","provisioningState":"Succeeded","uniqueId":"u","timeCreated":"2024-01-01T00:00:00Z","zoneBalance":null,
             "upgradePolicy":{"mode":"Manual"},
             "virtualMachineProfile":{"storageProfile":{"imageReference":{"publisher":"Canonical","offer":"o","sku":"s","version":"1.0.0"}},
               "extensionProfile":{"extensions":[{"name":"app","type":null,"typePropertiesType":"CustomScript","publisher":"Microsoft.Azure.Extensions","typeHandlerVersion":"2.1","settings":{"x":null}}]}}}
            """);

        var resource = Assert.Single(AzureDocuments.ScaleSets(flattened)).Resource;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"id":"/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachineScaleSets/web","name":"web",
             "type":"Microsoft.Compute/virtualMachineScaleSets","location":"eastus","sku":{"name":"Standard_D2s_v5","capacity":3},
             "properties":{"orchestrationMode":"Uniform","provisioningState":"Succeeded","uniqueId":"u","timeCreated":"2024-01-01T00:00:00Z",
               "upgradePolicy":{"mode":"Manual"},
               "virtualMachineProfile":{"storageProfile":{"imageReference":{"publisher":"Canonical","offer":"o","sku":"s","version":"1.0.0"}},
                 "extensionProfile":{"extensions":[{"name":"app","properties":{"type":"CustomScript","publisher":"Microsoft.Azure.Extensions","typeHandlerVersion":"2.1","settings":{"x":null}}}]}}}}
            """), resource), resource.ToJsonString());
        var model = ScaleSetModelReader.Read("web", resource, out var errors);
        Assert.Empty(errors);
        Assert.Equal((3, UpgradeMode.Manual, "app", "CustomScript"), (model!.Capacity, model.UpgradePolicy.Mode, model.Extensions[0].Name, model.Extensions[0].Type));
    }

    [Fact]
    public void ScaleSets_FlattenedWithoutVirtualMachineProfile_IsReadAndRefusedAtItsRestPath()
    {
        var flattened = Example("api.vmss.az-show.json");
        flattened.Remove("virtualMachineProfile");

        var found = Assert.Single(AzureDocuments.ScaleSets(flattened));
        var model = ScaleSetModelReader.Read("api", found.Resource, out var errors);

        Assert.Null(model);
        Assert.Equal(["InvalidParameter properties.virtualMachineProfile: is required: the scale set needs a virtualMachineProfile with an imageReference"], errors.Select(e => $"{e.Code} {e}"));
    }

    [Fact]
    public void Kind_AzFlattenedRollingUpgradeStatus_IsNoScaleSet()
    {
        var status = ScaleSetModelReader.ParseObject("""{"policy":{"maxBatchInstancePercent":20},"runningStatus":{"code":"RollingForward"},"type":"Microsoft.Compute/virtualMachineScaleSets/rollingUpgrades"}""");

        Assert.Equal(AzureDocumentKind.Other, AzureDocuments.Kind(status));
        Assert.Empty(AzureDocuments.ScaleSets(status));
    }
}
