using System.Text.Json.Nodes;
using VmssGrains.Domain.Azure;
using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.Tests;

/// <summary>az's generic update on a scale set as show returns it: paths, the az-flattened mapping, and the patch sent.</summary>
public class GenericUpdateTests
{
    private const string Lb = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/vmss-sim/providers/Microsoft.Network/loadBalancers/web-lb";

    /// <summary>What show prints for a Rolling scale set with one Custom Script extension behind a load balancer.</summary>
    private const string Shown = $$"""
        {
          "name": "web",
          "location": "eastus",
          "sku": { "name": "Standard_D2s_v3", "tier": "Standard", "capacity": 2 },
          "zones": [ "1", "2" ],
          "properties": {
            "orchestrationMode": "Uniform",
            "upgradePolicy": { "mode": "Rolling", "rollingUpgradePolicy": { "maxBatchInstancePercent": 50 } },
            "virtualMachineProfile": {
              "storageProfile": { "imageReference": { "id": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/vmss-sim/providers/Microsoft.Compute/galleries/gallery/images/web/versions/1.0.0" } },
              "osProfile": { "computerNamePrefix": "web", "adminUsername": "azureuser" },
              "networkProfile": {
                "networkInterfaceConfigurations": [ { "name": "web-nic", "properties": { "primary": true, "ipConfigurations": [ { "name": "web-ipconfig", "properties": { "loadBalancerBackendAddressPools": [ { "id": "{{Lb}}/backendAddressPools/web-lb-pool" } ] } } ] } } ],
                "healthProbe": { "id": "{{Lb}}/probes/health" }
              },
              "extensionProfile": { "extensions": [ { "name": "app", "properties": { "publisher": "Microsoft.Azure.Extensions", "type": "CustomScript", "typeHandlerVersion": "2.1", "provisionAfterExtensions": null, "settings": { "commandToExecute": "./install.sh" } } } ] }
            },
            "provisioningState": "Succeeded",
            "uniqueId": "6f0c2f4e-6f4e-4c36-9a4e-000000000001",
            "timeCreated": "2025-01-01T00:00:00.0000000+00:00"
          },
          "type": "Microsoft.Compute/virtualMachineScaleSets",
          "id": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/vmss-sim/providers/Microsoft.Compute/virtualMachineScaleSets/web"
        }
        """;

    private const string Extensions = "virtualMachineProfile.extensionProfile.extensions";

    private static JsonObject Resource(string json = Shown) => ScaleSetModelReader.ParseObject(json);

    private static JsonObject Patch(params GenericUpdateOperation[] operations) => GenericUpdate.Patch(Resource(), operations, "web");

    private static string Error(params GenericUpdateOperation[] operations) =>
        Assert.Throws<GenericUpdateException>(() => GenericUpdate.Apply(Resource(), operations, "web")).Message;

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {JsonNode.Parse(expected)!.ToJsonString()}, got {actual?.ToJsonString() ?? "null"}");

    private static GenericUpdateOperation Set(string expression) => GenericUpdateOperation.Set(expression);

    /// <summary>The extension list of show with its one extension's properties replaced by <paramref name="elements"/>.</summary>
    private static string ExtensionsPatch(string elements) =>
        $$"""{ "properties": { "virtualMachineProfile": { "extensionProfile": { "extensions": [ {{elements}} ] } } } }""";

    private const string App = """{ "name": "app", "properties": { "publisher": "Microsoft.Azure.Extensions", "type": "CustomScript", "typeHandlerVersion": "2.1", "provisionAfterExtensions": null, "settings": { "commandToExecute": "./install.sh" } } }""";

    [Theory]
    [InlineData("upgradePolicy.mode=Manual")]
    [InlineData("properties.upgradePolicy.mode=Manual")]
    [InlineData("UpgradePolicy.Mode=Manual")]
    public void Set_AzFlattenedOrRestPath_PatchesPropertiesUpgradePolicy(string expression)
    {
        AssertJson("""{ "properties": { "upgradePolicy": { "mode": "Manual" } } }""", Patch(Set(expression)));
    }

    [Fact]
    public void Set_IndexedExtensionSettingInAzForm_LandsInItsPropertiesSettings()
    {
        var patch = Patch(Set($"{Extensions}[0].settings.x=1"));

        AssertJson(ExtensionsPatch(App.Replace("\"./install.sh\" }", "\"./install.sh\", \"x\": 1 }", StringComparison.Ordinal)), patch);
    }

    [Theory]
    [InlineData($"{Extensions}[-1].typeHandlerVersion=2.2")]
    [InlineData($"{Extensions}[name=app].typeHandlerVersion=2.2")]
    [InlineData($"{Extensions}[0].properties.typeHandlerVersion=2.2")]
    [InlineData($"properties.{Extensions}[0].properties.typeHandlerVersion=\"2.2\"")]
    public void Set_LastIndexFilterOrRestForm_ChangeTheSameExtensionAsAString(string expression)
    {
        var patch = Patch(Set(expression));

        AssertJson(ExtensionsPatch(App.Replace("\"2.1\"", "\"2.2\"", StringComparison.Ordinal)), patch);
    }

    [Theory]
    [InlineData("typePropertiesType")]
    [InlineData("type")]
    public void Set_ExtensionTypeByAzNameOrPlainName_SetsPropertiesType(string name)
    {
        var patch = Patch(Set($"{Extensions}[0].{name}=CustomScriptExtension"));

        AssertJson(ExtensionsPatch(App.Replace("\"CustomScript\"", "\"CustomScriptExtension\"", StringComparison.Ordinal)), patch);
    }

    [Fact]
    public void Set_NestedPropertiesWrappersOfTheNetworkProfile_AreFlattenedToo()
    {
        var patch = Patch(Set($"virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].ipConfigurations[0].loadBalancerBackendAddressPools[0].id={Lb}/backendAddressPools/blue"));

        AssertJson($$"""
            { "properties": { "virtualMachineProfile": { "networkProfile": { "networkInterfaceConfigurations": [
              { "name": "web-nic", "properties": { "primary": true, "ipConfigurations": [ { "name": "web-ipconfig", "properties": { "loadBalancerBackendAddressPools": [ { "id": "{{Lb}}/backendAddressPools/blue" } ] } } ] } }
            ] } } } }
            """, patch);
    }

    [Fact]
    public void Set_PropertyOfAPolicyTheResourceDoesNotHaveYet_CreatesThePolicy()
    {
        var patch = Patch(
            GenericUpdateOperation.Remove("upgradePolicy.rollingUpgradePolicy"),
            Set("upgradePolicy.rollingUpgradePolicy.maxSurge=true"),
            Set("upgradePolicy.automaticOSUpgradePolicy.enableAutomaticOSUpgrade=true"));

        AssertJson("""{ "properties": { "upgradePolicy": { "rollingUpgradePolicy": { "maxBatchInstancePercent": null, "maxSurge": true }, "automaticOSUpgradePolicy": { "enableAutomaticOSUpgrade": true } } } }""", patch);
    }

    [Fact]
    public void Set_FreeFormMaps_TakeAnyKey()
    {
        var patch = Patch(
            Set("tags.cost-center=42"),
            Set("simulation.flexibleUpgrades=true"),
            Set($"{Extensions}[0].simulation.duration=PT2M"),
            Set($"{Extensions}[0].protectedSettings.secret.deep={{\"k\":[1]}}"));

        AssertJson($$"""
            {
              "tags": { "cost-center": "42" },
              "simulation": { "flexibleUpgrades": true },
              "properties": { "virtualMachineProfile": { "extensionProfile": { "extensions": [ {
                "name": "app",
                "properties": { "publisher": "Microsoft.Azure.Extensions", "type": "CustomScript", "typeHandlerVersion": "2.1", "provisionAfterExtensions": null, "settings": { "commandToExecute": "./install.sh" }, "protectedSettings": { "secret": { "deep": { "k": [1] } } } },
                "simulation": { "duration": "PT2M" }
              } ] } } }
            }
            """, patch);
    }

    [Fact]
    public void Set_MemberOfATrimmedDefinitionTheResourceHolds_IsKnown()
    {
        AssertJson("""{ "properties": { "virtualMachineProfile": { "osProfile": { "adminUsername": "ops" } } } }""", Patch(Set("virtualMachineProfile.osProfile.adminUsername=ops")));
    }

    [Fact]
    public void Set_ImageReferenceFromAGalleryIdToAPlatformImage_TakesTheSupplementsMembers()
    {
        var patch = Patch(Set("virtualMachineProfile.storageProfile.imageReference={\"publisher\":\"Canonical\",\"offer\":\"ubuntu-24_04-lts\",\"sku\":\"server\",\"version\":\"latest\"}"));

        AssertJson("""{ "properties": { "virtualMachineProfile": { "storageProfile": { "imageReference": { "id": null, "publisher": "Canonical", "offer": "ubuntu-24_04-lts", "sku": "server", "version": "latest" } } } } }""", patch);
    }

    [Fact]
    public void Set_NullValue_RemovesTheProperty()
    {
        AssertJson("""{ "properties": { "upgradePolicy": { "rollingUpgradePolicy": null } } }""", Patch(Set("upgradePolicy.rollingUpgradePolicy=null")));
    }

    [Fact]
    public void Set_SameValue_GivesAnEmptyPatch()
    {
        AssertJson("{}", Patch(Set("upgradePolicy.mode=Rolling"), Set("sku.capacity=2")));
    }

    [Fact]
    public void Set_WholePropertiesObject_LeavesReadOnlyPropertiesOutOfThePatch()
    {
        var resource = Resource();
        var properties = (JsonObject)resource["properties"]!.DeepClone();
        properties["upgradePolicy"] = new JsonObject { ["mode"] = "Manual" };
        properties.Remove("provisioningState");
        properties.Remove("uniqueId");
        properties.Remove("timeCreated");

        var patch = GenericUpdate.Patch(resource, [Set($"properties={properties.ToJsonString()}")], "web");

        AssertJson("""{ "properties": { "upgradePolicy": { "mode": "Manual", "rollingUpgradePolicy": null } } }""", patch);
    }

    [Fact]
    public void Set_ValueInAzFormWithReadOnlyMembers_IsStoredInRestFormWithoutThem()
    {
        var patch = Patch(Set(Extensions + """[0]={"name":"app","type":"Microsoft.Compute/virtualMachineScaleSets/extensions","provisioningState":"Succeeded","publisher":"Microsoft.Azure.Extensions","typePropertiesType":"CustomScript","typeHandlerVersion":2.1,"properties":{"settings":{"commandToExecute":"./v2.sh"}}}"""));

        AssertJson(ExtensionsPatch("""{ "name": "app", "properties": { "publisher": "Microsoft.Azure.Extensions", "type": "CustomScript", "typeHandlerVersion": "2.1", "settings": { "commandToExecute": "./v2.sh" } } }"""), patch);
    }

    [Fact]
    public void Set_Input_IsLeftUnchanged()
    {
        var resource = Resource();
        var before = resource.ToJsonString();

        GenericUpdate.Apply(resource, [Set("upgradePolicy.mode=Manual"), GenericUpdateOperation.Remove(Extensions, "0")], "web");

        Assert.Equal(before, resource.ToJsonString());
    }

    [Theory]
    [InlineData("upgradePolicy.mood=Manual", "--set: 'upgradePolicy.mood' does not exist in scale set 'web' (upgradePolicy has: mode, rollingUpgradePolicy, automaticOSUpgradePolicy)")]
    [InlineData("upgradePolicy.rollingUpgradePolicy.maxSurges=true", "--set: 'upgradePolicy.rollingUpgradePolicy.maxSurges' does not exist in scale set 'web' (upgradePolicy.rollingUpgradePolicy has: maxBatchInstancePercent, maxUnhealthyInstancePercent, maxUnhealthyUpgradedInstancePercent, pauseTimeBetweenBatches, enableCrossZoneUpgrade, prioritizeUnhealthyInstances, rollbackFailedInstancesOnPolicyBreach, maxSurge)")]
    [InlineData($"{Extensions}[1].settings.x=1", $"--set: '{Extensions}[1].settings.x' does not exist in scale set 'web' (index 1 is out of range: {Extensions} has 1 element)")]
    [InlineData($"{Extensions}[-2].settings.x=1", $"--set: '{Extensions}[-2].settings.x' does not exist in scale set 'web' (index -2 is out of range: {Extensions} has 1 element)")]
    [InlineData("zones[2]=3", "--set: 'zones[2]' does not exist in scale set 'web' (index 2 is out of range: zones has 2 elements)")]
    [InlineData("virtualMachineProfile.storageProfile.dataDisks[0].lun=1", "--set: 'virtualMachineProfile.storageProfile.dataDisks[0].lun' does not exist in scale set 'web' (index 0 is out of range: virtualMachineProfile.storageProfile.dataDisks has no elements)")]
    [InlineData("upgradePolicy.mode.x=1", "--set: 'upgradePolicy.mode.x' does not exist in scale set 'web' (upgradePolicy.mode is a string, not an object)")]
    [InlineData("sku.capacity[0]=1", "--set: 'sku.capacity[0]' does not exist in scale set 'web' (sku.capacity is a number, not a list)")]
    [InlineData("upgradePolicy[0]=x", "--set: 'upgradePolicy[0]' does not exist in scale set 'web' (upgradePolicy is an object, not a list: name one of its properties)")]
    [InlineData($"{Extensions}.settings=x", $"--set: '{Extensions}.settings' does not exist in scale set 'web' ({Extensions} is a list: index it with [n] or [key=value])")]
    [InlineData("upgradePolicy.automaticOSUpgradePolicy.enableAutomaticOSUpgrade.x=1", "--set: 'upgradePolicy.automaticOSUpgradePolicy.enableAutomaticOSUpgrade.x' does not exist in scale set 'web' (upgradePolicy.automaticOSUpgradePolicy.enableAutomaticOSUpgrade holds a single value, not an object)")]
    [InlineData($"{Extensions}[name=nope].settings.x=1", $"--set: '{Extensions}[name=nope].settings.x' does not exist in scale set 'web' (no element of {Extensions} has name = nope)")]
    [InlineData($"{Extensions}[colour=red].settings.x=1", $"--set: '{Extensions}[colour=red].settings.x' does not exist in scale set 'web' (the elements of {Extensions} have no property 'colour'; they have: name, simulation, forceUpdateTag, publisher, typePropertiesType, typeHandlerVersion, autoUpgradeMinorVersion, enableAutomaticUpgrade, settings, protectedSettings, provisionAfterExtensions, suppressFailures)")]
    [InlineData("virtualMachineProfile.osProfile.customData=x", "--set: 'virtualMachineProfile.osProfile.customData' does not exist in scale set 'web' (virtualMachineProfile.osProfile has: computerNamePrefix, adminUsername)")]
    [InlineData("virtualMachineProfile.scheduledEventsProfile.terminateNotificationProfile.enabled=true", "--set: 'virtualMachineProfile.scheduledEventsProfile.terminateNotificationProfile.enabled' does not exist in scale set 'web' (virtualMachineProfile.scheduledEventsProfile.terminateNotificationProfile has: notBeforeTimeout, enable)")]
    [InlineData("colour=red", "--set: 'colour' does not exist in scale set 'web' (the scale set has: name, location, tags, sku, zones, simulation, upgradePolicy, scheduledEventsPolicy, automaticRepairsPolicy, virtualMachineProfile, overprovision, doNotRunExtensionsOnOverprovisionedVMs, singlePlacementGroup, zoneBalance, platformFaultDomainCount, scaleInPolicy, orchestrationMode, resiliencyPolicy)")]
    [InlineData("provisioningState=Failed", "--set: 'provisioningState' is read-only in scale set 'web': Azure sets it")]
    [InlineData("properties.uniqueId=x", "--set: 'properties.uniqueId' is read-only in scale set 'web': Azure sets it")]
    [InlineData("upgradePolicy=Manual", "--set: 'upgradePolicy' takes an object in scale set 'web', not a string")]
    [InlineData("zones=1", "--set: 'zones' takes a list in scale set 'web', not a number")]
    [InlineData("upgradePolicy.mode={\"a\":1}", "--set: 'upgradePolicy.mode' takes a single value in scale set 'web', not an object")]
    [InlineData("tags=[1]", "--set: 'tags' takes an object in scale set 'web', not a list")]
    [InlineData("tags.team.lead=x", "--set: 'tags.team.lead' does not exist in scale set 'web' (tags.team holds a single value, not an object)")]
    [InlineData("tags={\"team\":{\"lead\":1}}", "--set: 'tags.team' takes a single value in scale set 'web', not an object")]
    [InlineData("upgradePolicy={\"mode\":\"Manual\",\"mood\":1}", "--set: 'upgradePolicy.mood' does not exist in scale set 'web' (upgradePolicy has: mode, rollingUpgradePolicy, automaticOSUpgradePolicy)")]
    [InlineData("upgradePolicy..mode=Manual", "--set: 'upgradePolicy..mode' is not a property path: a property name is missing at character 15")]
    [InlineData("upgradePolicy.mode", "--set: 'upgradePolicy.mode' is not path=value (for example upgradePolicy.mode=Manual)")]
    [InlineData("=Manual", "--set: '=Manual' is not path=value (for example upgradePolicy.mode=Manual)")]
    public void Set_PathOrValueTheResourceCannotTake_IsRejectedNamingThePath(string expression, string message)
    {
        Assert.Equal(message, Error(Set(expression)));
    }

    [Fact]
    public void Add_ExtensionAsAzKeyValuePairs_IsAppendedInRestForm()
    {
        var patch = Patch(GenericUpdateOperation.Add(Extensions, "name=health", "publisher=Microsoft.ManagedServices", "typePropertiesType=ApplicationHealthLinux", "typeHandlerVersion=2.0", "settings={\"protocol\":\"http\",\"port\":80}"));

        AssertJson(ExtensionsPatch($$"""{{App}}, { "name": "health", "properties": { "publisher": "Microsoft.ManagedServices", "type": "ApplicationHealthLinux", "typeHandlerVersion": "2.0", "settings": { "protocol": "http", "port": 80 } } }"""), patch);
    }

    [Fact]
    public void Add_JsonValuesAndPairGroups_AppendOneElementEach()
    {
        var patch = Patch(GenericUpdateOperation.Add("zones", "3", "\"4\""), GenericUpdateOperation.Add(Extensions, "name=a", "{\"name\":\"b\"}", "name=c"));

        AssertJson($$"""
            {
              "zones": [ "1", "2", "3", "4" ],
              "properties": { "virtualMachineProfile": { "extensionProfile": { "extensions": [ {{App}}, { "name": "a" }, { "name": "b" }, { "name": "c" } ] } } }
            }
            """, patch);
    }

    [Fact]
    public void Add_KeyValuePairsToAnObject_AddMembers()
    {
        AssertJson("""{ "tags": { "env": "prod", "team": "web" } }""", Patch(GenericUpdateOperation.Add("tags", "env=prod", "team=web")));
    }

    [Fact]
    public void Add_ToAnAbsentList_CreatesIt()
    {
        var patch = Patch(GenericUpdateOperation.Add($"{Extensions}[0].provisionAfterExtensions", "health"));

        AssertJson(ExtensionsPatch(App.Replace("null", "[ \"health\" ]", StringComparison.Ordinal)), patch);
    }

    [Theory]
    [InlineData(new[] { "tags", "prod" }, "--add: 'prod' is not key=value: 'tags' is an object, and --add adds key=value members to it")]
    [InlineData(new[] { "upgradePolicy.mode", "x" }, "--add: 'upgradePolicy.mode' is a string in scale set 'web': --add appends to a list or adds key=value members to an object")]
    [InlineData(new[] { Extensions, "name=x", "publsher=y" }, $"--add: '{Extensions}[1].publsher' does not exist in scale set 'web' ({Extensions}[1] has: name, simulation, forceUpdateTag, publisher, typePropertiesType, typeHandlerVersion, autoUpgradeMinorVersion, enableAutomaticUpgrade, settings, protectedSettings, provisionAfterExtensions, suppressFailures)")]
    [InlineData(new[] { "upgradePolicy.mood", "x=1" }, "--add: 'upgradePolicy.mood' does not exist in scale set 'web' (upgradePolicy has: mode, rollingUpgradePolicy, automaticOSUpgradePolicy)")]
    [InlineData(new[] { Extensions }, "--add: give a path and at least one value (for example virtualMachineProfile.extensionProfile.extensions name=app publisher=Microsoft.Azure.Extensions ...)")]
    public void Add_WhatCannotBeAdded_IsRejected(string[] arguments, string message)
    {
        Assert.Equal(message, Error(GenericUpdateOperation.Add(arguments)));
    }

    [Theory]
    [InlineData(Extensions, "0")]
    [InlineData(Extensions, "-1")]
    [InlineData($"{Extensions}[0]", null)]
    [InlineData($"{Extensions}[name=app]", null)]
    public void Remove_ListElement_LeavesTheListWithoutIt(string path, string? index)
    {
        AssertJson(ExtensionsPatch(""), Patch(GenericUpdateOperation.Remove(index is null ? [path] : [path, index])));
    }

    [Fact]
    public void Remove_AMapKeyThatIsNotThere_IsRefused()
    {
        Assert.Equal("--remove: 'tags.nothere' is not set in scale set 'web': there is nothing to remove", Error(GenericUpdateOperation.Remove("tags.nothere")));
        Assert.Equal($"--remove: '{Extensions}[0].settings.nothere' is not set in scale set 'web': there is nothing to remove", Error(GenericUpdateOperation.Remove($"{Extensions}[0].settings.nothere")));
    }

    [Fact]
    public void Remove_PropertiesAndLists_NullsThemAndEmptiesLists()
    {
        var patch = Patch(
            GenericUpdateOperation.Remove("upgradePolicy.rollingUpgradePolicy.maxBatchInstancePercent"),
            GenericUpdateOperation.Remove("zones"),
            GenericUpdateOperation.Remove($"{Extensions}[0].settings"),
            GenericUpdateOperation.Remove("virtualMachineProfile.networkProfile.healthProbe"),
            GenericUpdateOperation.Remove("automaticRepairsPolicy"));

        AssertJson(
            """
            {
              "zones": [],
              "properties": {
                "upgradePolicy": { "rollingUpgradePolicy": { "maxBatchInstancePercent": null } },
                "virtualMachineProfile": {
                  "networkProfile": { "healthProbe": null },
                  "extensionProfile": { "extensions": [ { "name": "app", "properties": { "publisher": "Microsoft.Azure.Extensions", "type": "CustomScript", "typeHandlerVersion": "2.1", "provisionAfterExtensions": null } } ] }
                }
              }
            }
            """,
            patch);
    }

    [Theory]
    [InlineData(new[] { Extensions, "1" }, $"--remove: '{Extensions}[1]' does not exist in scale set 'web' (index 1 is out of range: {Extensions} has 1 element)")]
    [InlineData(new[] { Extensions, "first" }, "--remove: 'first' is not a list index (for example 0, or -1 for the last element)")]
    [InlineData(new[] { "upgradePolicy", "0" }, "--remove: 'upgradePolicy[0]' does not exist in scale set 'web' (upgradePolicy is an object, not a list: name one of its properties)")]
    [InlineData(new[] { "upgradePolicy.mood" }, "--remove: 'upgradePolicy.mood' does not exist in scale set 'web' (upgradePolicy has: mode, rollingUpgradePolicy, automaticOSUpgradePolicy)")]
    [InlineData(new[] { "id" }, "--remove: 'id' is read-only in scale set 'web': Azure sets it")]
    [InlineData(new[] { Extensions, "0", "1" }, "--remove: give a path, and an index to remove a list element (for example virtualMachineProfile.extensionProfile.extensions 0)")]
    public void Remove_WhatCannotBeRemoved_IsRejected(string[] arguments, string message)
    {
        Assert.Equal(message, Error(GenericUpdateOperation.Remove(arguments)));
    }

    [Fact]
    public void Operations_AreAppliedInCommandLineOrder()
    {
        var patch = Patch(
            GenericUpdateOperation.Add(Extensions, "name=health", "publisher=Microsoft.ManagedServices", "type=ApplicationHealthLinux"),
            Set($"{Extensions}[-1].settings.port=80"),
            GenericUpdateOperation.Remove(Extensions, "0"),
            Set($"{Extensions}[0].typeHandlerVersion=2.0"));

        AssertJson(ExtensionsPatch("""{ "name": "health", "properties": { "publisher": "Microsoft.ManagedServices", "type": "ApplicationHealthLinux", "settings": { "port": 80 }, "typeHandlerVersion": "2.0" } }"""), patch);
    }

    [Fact]
    public void Operations_OneFails_TheEarlierOnesAreNotKept()
    {
        var resource = Resource();
        var before = resource.ToJsonString();

        Assert.Throws<GenericUpdateException>(() => GenericUpdate.Patch(resource, [Set("upgradePolicy.mode=Manual"), Set("upgradePolicy.mood=x")], "web"));

        Assert.Equal(before, resource.ToJsonString());
    }

    [Fact]
    public void Patch_AppliedToTheResource_GivesTheEditedResource()
    {
        GenericUpdateOperation[] operations = [Set("upgradePolicy.mode=Manual"), GenericUpdateOperation.Add(Extensions, "name=b"), GenericUpdateOperation.Remove("zones", "0"), Set("tags.a=b")];
        var edited = GenericUpdate.Apply(Resource(), operations, "web");

        var patched = JsonMergePatch.Apply(Resource(), GenericUpdate.Patch(Resource(), operations, "web"));

        Assert.True(JsonNode.DeepEquals(edited, patched), patched!.ToJsonString());
    }

    [Theory]
    [InlineData("42", "42")]
    [InlineData("true", "true")]
    [InlineData("null", "null")]
    [InlineData("\"quoted\"", "\"quoted\"")]
    [InlineData("{\"a\":[1]}", "{\"a\":[1]}")]
    [InlineData("Manual", "\"Manual\"")]
    [InlineData("PT5M", "\"PT5M\"")]
    [InlineData("", "\"\"")]
    [InlineData("{not json", "\"{not json\"")]
    public void ParseValue_JsonWhenItParses_AStringOtherwise(string text, string json)
    {
        Assert.Equal(json, GenericUpdate.ParseValue(text)?.ToJsonString() ?? "null");
    }
}
