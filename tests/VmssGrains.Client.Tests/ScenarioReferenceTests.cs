using System.Text.Json.Nodes;
using VmssGrains.Simulation.Scenarios;

namespace VmssGrains.Client.Tests;

/// <summary>
/// A scenario's scale sets may only reference images and load balancers the scenario defines, and names follow
/// Azure's rules: each bad file is exit 2 and one line naming the JSON path, Azure's code and the rule.
/// </summary>
public sealed class ScenarioReferenceTests : IDisposable
{
    private const string Gallery = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images";
    private const string Lbs = "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Network/loadBalancers";
    private const string ImagePath = "$.scaleSets[0].properties.virtualMachineProfile.storageProfile.imageReference";
    private readonly string directory = Directory.CreateTempSubdirectory("vmss-references-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task ImageVersionNeverDefined_IsGalleryImageVersionNotFound()
    {
        var scenario = Scenario();
        Image(scenario)["id"] = $"{Gallery}/web/versions/9.9.0";
        var (path, result) = await SimulateAsync(scenario);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {path}: {ImagePath}.id: (GalleryImageVersionNotFound) The gallery image version '{Gallery}/web/versions/9.9.0' was not found: image 'web' in the scenario's images has versions 1.0.0, 1.1.0.", result.ErrorLine);
    }

    [Fact]
    public async Task CommunityGalleryImageNeverDefined_IsGalleryImageNotFound()
    {
        var scenario = Scenario();
        Image(scenario).Remove("id");
        Image(scenario)["communityGalleryImageId"] = "/CommunityGalleries/pub-1/Images/ghost";
        var (path, result) = await SimulateAsync(scenario);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {path}: {ImagePath}.communityGalleryImageId: (GalleryImageNotFound) The gallery image '/CommunityGalleries/pub-1/Images/ghost' was not found: the scenario's images has no image 'ghost'.", result.ErrorLine);
    }

    [Fact]
    public async Task UpdateToAVersionPublishedOnlyLater_IsRefused_PublishedBeforeIsTaken()
    {
        var scenario = Scenario();
        scenario["actions"] = new JsonArray(
            new JsonObject { ["at"] = "PT5M", ["action"] = "update", ["scaleSet"] = "web", ["patch"] = ImagePatch("2.0.0") },
            new JsonObject { ["at"] = "PT10M", ["action"] = "publishImageVersion", ["image"] = "web", ["version"] = "2.0.0" });
        var (path, result) = await SimulateAsync(scenario);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            $"error: {path}: $.actions[0].patch.properties.virtualMachineProfile.storageProfile.imageReference.id: (GalleryImageVersionNotFound) The gallery image version '{Gallery}/web/versions/2.0.0' was not found: image 'web' in the scenario's images and the publishImageVersion actions before it has versions 1.0.0, 1.1.0.",
            result.ErrorLine);

        // The same instant, the publication listed first: it runs first, so the update finds the version.
        scenario["actions"]![1]!["at"] = "PT5M";
        var publishFirst = new JsonArray(scenario["actions"]![1]!.DeepClone(), scenario["actions"]![0]!.DeepClone());
        scenario["actions"] = publishFirst;
        var read = ScenarioReader.Read(scenario.ToJsonString());
        Assert.Equal(["publishImageVersion", "update"], read.Actions.Select(a => a.Name));
    }

    [Theory]
    [InlineData("""{ "publisher": "Canonical", "offer": "ubuntu-24_04-lts", "sku": "server", "version": "24.04.202501010" }""")]
    [InlineData("""{ "id": "/subscriptions/0/resourceGroups/rg/providers/Microsoft.Compute/images/golden" }""")]
    public void PlatformAndManagedImages_AreTakenAsTheyAre(string image)
    {
        var scenario = Scenario();
        Profile(scenario)["storageProfile"]!["imageReference"] = JsonNode.Parse(image);
        Assert.Equal("web", Assert.Single(ScenarioReader.Read(scenario.ToJsonString()).ScaleSets).Name);
    }

    [Fact]
    public async Task ProbeOfALoadBalancerNeverDefined_IsInvalidResourceReference()
    {
        var scenario = Scenario();
        Profile(scenario)["networkProfile"]!["healthProbe"]!["id"] = $"{Lbs}/ghost-lb/probes/http";
        var (path, result) = await SimulateAsync(scenario);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {path}: $.scaleSets[0].properties.virtualMachineProfile.networkProfile.healthProbe.id: (InvalidResourceReference) Resource '{Lbs}/ghost-lb/probes/http' referenced by scale set 'web' was not found: there is no load balancer 'ghost-lb' (defined: web-lb). Make sure the referenced resource exists.", result.ErrorLine);
    }

    [Fact]
    public async Task BackendPoolOfALoadBalancerNeverDefined_IsInvalidResourceReference()
    {
        var scenario = Scenario();
        Profile(scenario)["networkProfile"]!["networkInterfaceConfigurations"] = JsonNode.Parse($$"""
            [ { "name": "nic", "properties": { "ipConfigurations": [ { "name": "ip", "properties": { "loadBalancerBackendAddressPools": [ { "id": "{{Lbs}}/phantom-lb/backendAddressPools/pool" } ] } } ] } } ]
            """);
        var (path, result) = await SimulateAsync(scenario);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {path}: $.scaleSets[0].properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].properties.ipConfigurations[0].properties.loadBalancerBackendAddressPools[0].id: (InvalidResourceReference) Resource '{Lbs}/phantom-lb/backendAddressPools/pool' referenced by scale set 'web' was not found: there is no load balancer 'phantom-lb' (defined: web-lb). Make sure the referenced resource exists.", result.ErrorLine);
    }

    [Fact]
    public async Task ProbeOfALoadBalancerWithoutAProbe_IsInvalidResourceReference()
    {
        var scenario = Scenario();
        scenario["loadBalancers"]![0]!.AsObject().Remove("probe");
        var (_, result) = await SimulateAsync(scenario);
        Assert.Equal(2, result.ExitCode);
        Assert.EndsWith($"Resource '{Lbs}/web-lb/probes/http' referenced by scale set 'web' was not found: load balancer 'web-lb' has no probe. Make sure the referenced resource exists.", result.ErrorLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProbeNamedOtherwiseThanTheScenarioSays_IsInvalidResourceReference_TheSameNameIsTaken()
    {
        var scenario = Scenario();
        scenario["loadBalancers"]![0]!["probe"]!["name"] = "health";
        var (_, result) = await SimulateAsync(scenario);
        Assert.Equal(2, result.ExitCode);
        Assert.EndsWith("was not found: load balancer 'web-lb' has probe 'health', not 'http'. Make sure the referenced resource exists.", result.ErrorLine, StringComparison.Ordinal);

        scenario["loadBalancers"]![0]!["probe"]!["name"] = "http";
        Assert.Single(ScenarioReader.Read(scenario.ToJsonString()).ScaleSets);
    }

    [Theory]
    [InlineData("scaleSets", "name", "we\u001bb", "$.scaleSets[0].name: 'we\\u001Bb' is not a valid scale set name (character 3 is a control character (U+001B)): use 1–64 letters, digits, '-', '_' or '.'")]
    [InlineData("loadBalancers", "name", "web lb", "$.loadBalancers[0].name: 'web lb' is not a valid load balancer name (character 4 is ' '): use 1–80 letters, digits, '-', '_' or '.', starting with a letter or digit and ending with a letter, digit or '_'")]
    [InlineData("images", "name", "web.", "$.images[0].name: 'web.' is not a valid gallery image name (it ends with '.'): use 1–80 letters, digits, '-', '_' or '.', starting and ending with a letter or digit")]
    public async Task NamesBreakingAzuresRules_AreRefused(string list, string field, string name, string expected)
    {
        var scenario = Scenario();
        scenario[list]![0]![field] = name;
        var (path, result) = await SimulateAsync(scenario);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {path}: {expected}", result.ErrorLine);
        Assert.DoesNotContain(result.Err.TrimEnd('\n'), char.IsControl);
    }

    [Fact]
    public async Task ImageVersionsAndExtensionNames_FollowAzuresRules()
    {
        var scenario = Scenario();
        scenario["images"]![0]!["versions"] = new JsonArray("1.0.0", "1.1");
        scenario["actions"] = new JsonArray(new JsonObject { ["action"] = "publishImageVersion", ["image"] = "web", ["version"] = "2.0.0-beta" });
        var (path, result) = await SimulateAsync(scenario);
        Assert.Equal($"error: {path}: $.actions[0].version: '2.0.0-beta' is not a valid gallery image version (character 6 is '-'): use Major.Minor.Patch (or Major.Minor), whole numbers such as 1.2.0", result.ErrorLine);

        scenario = Scenario();
        Profile(scenario)["extensionProfile"] = JsonNode.Parse("""{ "extensions": [ { "name": "custom script", "properties": { "type": "CustomScript" } } ] }""");
        (path, result) = await SimulateAsync(scenario);
        Assert.Equal($"error: {path}: $.scaleSets[0].properties.virtualMachineProfile.extensionProfile.extensions[0].name: 'custom script' is not a valid extension name (character 7 is ' '): use 1–80 letters, digits, '-', '_' or '.', starting with a letter or digit and ending with a letter, digit or '_'", result.ErrorLine);
    }

    private static JsonObject Profile(JsonObject scenario) => scenario["scaleSets"]![0]!["properties"]!["virtualMachineProfile"]!.AsObject();

    private static JsonObject Image(JsonObject scenario) => Profile(scenario)["storageProfile"]!["imageReference"]!.AsObject();

    private static JsonObject ImagePatch(string version) => new()
    {
        ["properties"] = new JsonObject { ["virtualMachineProfile"] = new JsonObject { ["storageProfile"] = new JsonObject { ["imageReference"] = new JsonObject { ["id"] = $"{Gallery}/web/versions/{version}" } } } },
    };

    /// <summary>A valid 4-instance Manual scenario to break one piece of.</summary>
    private static JsonObject Scenario() => JsonNode.Parse($$"""
        {
          "seed": 1,
          "loadBalancers": [ { "name": "web-lb", "probe": { "protocol": "Http", "port": 80 } } ],
          "images": [ { "name": "web", "versions": [ "1.0.0", "1.1.0" ] } ],
          "scaleSets": [ {
            "name": "web",
            "sku": { "capacity": 4 },
            "properties": {
              "upgradePolicy": { "mode": "Manual" },
              "virtualMachineProfile": {
                "storageProfile": { "imageReference": { "id": "{{Gallery}}/web/versions/1.0.0" } },
                "networkProfile": { "healthProbe": { "id": "{{Lbs}}/web-lb/probes/http" } }
              }
            }
          } ]
        }
        """)!.AsObject();

    private async Task<(string Path, CliResult Result)> SimulateAsync(JsonObject scenario)
    {
        var path = Path.Combine(directory, $"scenario-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, scenario.ToJsonString());
        return (path, await Cli.RunAsync("simulate", "--scenario", path));
    }
}
