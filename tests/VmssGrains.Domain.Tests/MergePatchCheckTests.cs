using System.Text.Json.Nodes;
using VmssGrains.Domain.Azure;
using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.Tests;

/// <summary>A merge patch (update --patch/--file, a scenario's update) may only set or remove what the resource type knows.</summary>
public sealed class MergePatchCheckTests
{
    private const string Resource = """
        {
          "name": "web", "location": "eastus", "sku": { "name": "Standard_D2s_v3", "capacity": 2 },
          "properties": {
            "upgradePolicy": { "mode": "Rolling" },
            "virtualMachineProfile": {
              "storageProfile": { "imageReference": { "id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/web/versions/1.0.0" } },
              "networkProfile": { "healthProbe": { "id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/loadBalancers/lb/probes/http" } },
              "extensionProfile": { "extensions": [ { "name": "app", "properties": { "publisher": "Microsoft.Azure.Extensions", "type": "CustomScript", "settings": { "port": 80 } } } ] }
            }
          }
        }
        """;

    private static void Check(string patch) =>
        GenericUpdate.CheckMergePatch(ScaleSetModelReader.ParseObject(Resource), ScaleSetModelReader.ParseObject(patch), "web");

    [Theory]
    [InlineData("""{ "properties": { "bogusProp": 1 } }""", "the patch: 'properties.bogusProp' does not exist in scale set 'web'")]
    [InlineData("""{ "bogusTop": 1 }""", "the patch: 'bogusTop' does not exist in scale set 'web'")]
    [InlineData("""{ "properties": { "upgradePolicy": { "mood": "x" } } }""", "the patch: 'properties.upgradePolicy.mood' does not exist in scale set 'web'")]
    [InlineData("""{ "properties": { "virtualMachineProfile": { "extensionProfile": { "extensions": [ { "name": "app", "properties": { "typo": 1 } } ] } } } }""", "the patch: 'properties.virtualMachineProfile.extensionProfile.extensions[0].properties.typo' does not exist")]
    public void CheckMergePatch_UnknownMember_IsRefusedNamingItsPath(string patch, string expected)
    {
        var error = Assert.Throws<GenericUpdateException>(() => Check(patch));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{ "properties": { "upgradePolicy": { "mode": "Manual", "rollingUpgradePolicy": { "maxSurge": true } } } }""")]
    [InlineData("""{ "properties": { "upgradePolicy": { "rollingUpgradePolicy": null } } }""")]
    [InlineData("""{ "tags": { "any.key": "x" }, "sku": { "capacity": 5 } }""")]
    [InlineData("""{ "properties": { "virtualMachineProfile": { "extensionProfile": { "extensions": [ { "name": "app", "properties": { "forceUpdateTag": "2", "settings": { "anything": [1] } } } ] } } } }""")]
    [InlineData("""{ "id": "/x", "type": "Microsoft.Compute/virtualMachineScaleSets", "properties": { "provisioningState": "Succeeded", "uniqueId": "u", "timeCreated": "2026-01-01T00:00:00Z" } }""")]
    public void CheckMergePatch_KnownMembersAndReadOnlyOnes_AreAccepted(string patch) => Check(patch);

    [Fact]
    public void CheckMergePatch_TheResourceItself_IsAValidPatch() => Check(Resource);
    [Theory]
    [InlineData("""{ "location": "westus" }""", "PropertyChangeNotAllowed", "location")]
    [InlineData("""{ "sku": null }""", "InvalidParameter", "sku")]
    public void UpdateProblem_LocationChangedOrSkuRemoved_IsRefused(string patch, string code, string target)
    {
        var current = ScaleSetModelReader.ParseObject(Resource);
        var merged = (JsonObject)JsonMergePatch.Apply(current.DeepClone(), ScaleSetModelReader.ParseObject(patch))!;

        var problem = ResourceDocument.UpdateProblem(current, merged);

        Assert.Equal((code, target), (problem?.Code, problem?.Target));
    }

    [Theory]
    [InlineData("""{ "location": "East US" }""")]
    [InlineData("""{ "sku": { "capacity": 4 } }""")]
    public void UpdateProblem_SameLocationOrANewCapacity_IsNone(string patch)
    {
        var current = ScaleSetModelReader.ParseObject(Resource);
        var merged = (JsonObject)JsonMergePatch.Apply(current.DeepClone(), ScaleSetModelReader.ParseObject(patch))!;

        Assert.Null(ResourceDocument.UpdateProblem(current, merged));
    }
}
