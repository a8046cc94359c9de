using System.Text.Json.Nodes;
using VmssGrains.Domain.Model;
using static VmssGrains.Domain.Tests.TestData;

namespace VmssGrains.Domain.Tests;

public class ResourceDocumentTests
{
    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}, got {actual?.ToJsonString() ?? "null"}");

    [Fact]
    public void Normalise_BarePropertiesObject_WrapsItAsResource()
    {
        var input = ScaleSetModelReader.ParseObject("""{ "upgradePolicy": { "mode": "Manual" } }""");

        var resource = ResourceDocument.Normalise(input, "web");

        AssertJson(
            """{ "properties": { "upgradePolicy": { "mode": "Manual" } }, "name": "web", "type": "Microsoft.Compute/virtualMachineScaleSets", "location": "eastus" }""",
            resource);
    }

    [Fact]
    public void Normalise_ResourceWithLocation_KeepsLocationAndSetsName()
    {
        var input = ScaleSetModelReader.ParseObject("""{ "name": "old", "location": "westus", "sku": { "capacity": 3 } }""");

        var resource = ResourceDocument.Normalise(input, "web");

        AssertJson("""{ "name": "web", "location": "westus", "sku": { "capacity": 3 }, "type": "Microsoft.Compute/virtualMachineScaleSets" }""", resource);
        AssertJson("""{ "name": "old", "location": "westus", "sku": { "capacity": 3 } }""", input);
    }

    [Fact]
    public void WithCapacity_NoSku_AddsDefaultSku()
    {
        var resource = ResourceDocument.WithCapacity(new JsonObject(), 7);

        AssertJson("""{ "sku": { "name": "Standard_D2s_v3", "tier": "Standard", "capacity": 7 } }""", resource);
    }

    [Fact]
    public void Render_Resource_AddsIdAndReadOnlyProperties()
    {
        var resource = ScaleSetModelReader.ParseObject("""{ "sku": { "name": "Standard_B1s", "capacity": 1 }, "properties": {} }""");

        var rendered = ResourceDocument.Render(resource, "web", 4, "Updating", "uid-1", T0);

        AssertJson(
            """
            {
              "sku": { "name": "Standard_B1s", "capacity": 4 },
              "properties": { "provisioningState": "Updating", "uniqueId": "uid-1", "timeCreated": "2025-01-01T00:00:00.0000000+00:00" },
              "id": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/vmss-sim/providers/Microsoft.Compute/virtualMachineScaleSets/web"
            }
            """,
            rendered);
    }

    [Theory]
    [InlineData("/subscriptions/1234/resourceGroups/prod/providers/Microsoft.Compute/virtualMachineScaleSets/web", "/subscriptions/1234/resourceGroups/prod/providers/Microsoft.Compute/virtualMachineScaleSets/web")]
    [InlineData("/subscriptions/1234/resourceGroups/prod/providers/Microsoft.Compute/virtualMachineScaleSets/other", "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/vmss-sim/providers/Microsoft.Compute/virtualMachineScaleSets/web")]
    [InlineData(null, "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/vmss-sim/providers/Microsoft.Compute/virtualMachineScaleSets/web")]
    public void IdOf_TheResourcesOwnIdWhenItNamesThisScaleSet(string? id, string expected)
    {
        var resource = new JsonObject { ["name"] = "web" };
        if (id is not null)
        {
            resource["id"] = id;
        }

        Assert.Equal(expected, ResourceDocument.IdOf(resource, "web"));
        Assert.Equal(expected, ResourceDocument.Render(resource, "web", 1, "Succeeded", "u", DateTimeOffset.UnixEpoch)["id"]!.GetValue<string>());
    }
}
