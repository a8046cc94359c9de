using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests;

/// <summary>update --set/--add/--remove with az's paths against the shared cluster: what show prints afterwards.</summary>
[Collection(VerbClusterCollection.Name)]
public sealed class UpdateGenericVerbTests(VerbClusterFixture cluster)
{
    private const string Extensions = "virtualMachineProfile.extensionProfile.extensions";

    private async Task<string> ShowAsync(string name) => (await cluster.OkAsync("show", "-n", name, "-o", "json")).Out;

    private static List<JsonObject> ExtensionsOf(JsonObject resource) =>
        resource["properties"]!["virtualMachineProfile"]!["extensionProfile"].Objects("extensions");

    [Fact]
    public async Task Set_AzFlattenedUpgradePolicyMode_ChangesPropertiesUpgradePolicy()
    {
        await cluster.OkAsync("create", "-n", "generic-mode", "--image", "web:1.0.0", "--instance-count", "2", "--upgrade-policy-mode", "Rolling", "--lb", "generic-mode-lb");

        var updated = await cluster.RunAsync("update", "-n", "generic-mode", "--set", "upgradePolicy.mode=Manual");

        Assert.True(updated.ExitCode == 0, updated.ToString());
        Assert.Equal("", updated.Err);
        var resource = Json.ParseObject(await cluster.OkAsync("show", "-n", "generic-mode", "-o", "json"));
        Assert.Equal("Manual", resource["properties"]!["upgradePolicy"].Str("mode"));
        Assert.False(resource.ContainsKey("upgradePolicy"), resource.ToJsonString());
        Assert.All(await cluster.InstancesAsync("generic-mode"), i => Assert.True(i.LatestModelApplied()));
    }

    [Fact]
    public async Task Set_IndexedExtensionSettingInAzForm_ChangesOnlyThatSetting()
    {
        await cluster.OkAsync("create", "-n", "generic-setting", "--image", "web:1.0.0", "--instance-count", "2", "--extensions", "app");
        var before = Json.ParseObject(await cluster.OkAsync("show", "-n", "generic-setting", "-o", "json"));

        await cluster.OkAsync("update", "-n", "generic-setting", "--set", $"{Extensions}[0].settings.x=1");

        var after = Json.ParseObject(await cluster.OkAsync("show", "-n", "generic-setting", "-o", "json"));
        Assert.Equal(1, ExtensionsOf(after)[0]["properties"]!["settings"].Whole("x"));
        var expected = (JsonObject)before.DeepClone();
        ExtensionsOf(expected)[0]["properties"]!["settings"] = new JsonObject { ["x"] = 1 };
        Assert.True(JsonNode.DeepEquals(expected, after), $"expected\n{expected}\ngot\n{after}");
    }

    [Theory]
    [InlineData("generic-bad-name", "upgradePolicy.mood=Manual", "error: --set: 'upgradePolicy.mood' does not exist in scale set 'generic-bad-name' (upgradePolicy has: mode, rollingUpgradePolicy, automaticOSUpgradePolicy)")]
    [InlineData("generic-bad-index", $"{Extensions}[1].settings.x=1", $"error: --set: '{Extensions}[1].settings.x' does not exist in scale set 'generic-bad-index' (index 1 is out of range: {Extensions} has 1 element)")]
    [InlineData("generic-bad-scalar", "upgradePolicy.mode.x=1", "error: --set: 'upgradePolicy.mode.x' does not exist in scale set 'generic-bad-scalar' (upgradePolicy.mode is a string, not an object)")]
    public async Task Set_PathTheResourceDoesNotHave_IsUsageErrorAndChangesNothing(string name, string expression, string error)
    {
        await cluster.OkAsync("create", "-n", name, "--image", "web:1.0.0", "--instance-count", "2", "--extensions", "app");
        var before = await ShowAsync(name);

        var result = await cluster.RunAsync("update", "-n", name, "--set", "tags.team=web", expression);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(error, result.ErrorLine);
        Assert.Equal("", result.Out);
        Assert.Equal(before, await ShowAsync(name));
    }

    [Fact]
    public async Task AddAndRemove_Extensions_AreStoredInRestFormAndRemovedByIndex()
    {
        await cluster.OkAsync("create", "-n", "generic-extensions", "--image", "web:1.0.0", "--instance-count", "2", "--extensions", "app");

        await cluster.OkAsync(
            "update", "-n", "generic-extensions", "--add", Extensions, "name=health", "publisher=Microsoft.ManagedServices",
            "typePropertiesType=ApplicationHealthLinux", "typeHandlerVersion=2.0", """settings={"protocol":"tcp","port":80}""");

        var extensions = ExtensionsOf(Json.ParseObject(await cluster.OkAsync("show", "-n", "generic-extensions", "-o", "json")));
        Assert.Equal(["app", "health"], extensions.Select(e => e.Str("name")));
        var health = extensions[1];
        Assert.Equal(["name", "properties"], health.Select(p => p.Key));
        Assert.Equal("Microsoft.ManagedServices", health["properties"].Str("publisher"));
        Assert.Equal("ApplicationHealthLinux", health["properties"].Str("type"));
        Assert.Equal("2.0", health["properties"].Str("typeHandlerVersion"));
        Assert.Equal(80, health["properties"]!["settings"].Whole("port"));

        await cluster.OkAsync("update", "-n", "generic-extensions", "--remove", Extensions, "0");
        Assert.Equal(["health"], ExtensionsOf(Json.ParseObject(await cluster.OkAsync("show", "-n", "generic-extensions", "-o", "json"))).Select(e => e.Str("name")));

        await cluster.OkAsync("update", "-n", "generic-extensions", "--remove", Extensions, "-1");
        Assert.Empty(ExtensionsOf(Json.ParseObject(await cluster.OkAsync("show", "-n", "generic-extensions", "-o", "json"))));
    }

    [Fact]
    public async Task SetAddRemove_Combined_AreAppliedInCommandLineOrder()
    {
        await cluster.OkAsync("create", "-n", "generic-order", "--image", "web:1.0.0", "--instance-count", "1");

        await cluster.OkAsync(
            "update", "-n", "generic-order", "--add", "tags", "env=prod", "owner=ops", "--set", "tags.env=test", "tags.cost=42",
            "--remove", "tags.owner", "--set", "simulation.upgradedUnhealthyOverAllInstances=true");

        var resource = Json.ParseObject(await cluster.OkAsync("show", "-n", "generic-order", "-o", "json"));
        Assert.Equal("""{"env":"test","cost":"42"}""", resource["tags"]!.ToJsonString());
        Assert.True(resource["simulation"].Bool("upgradedUnhealthyOverAllInstances"));
    }

    [Fact]
    public async Task Set_WithPatch_IsUsageError()
    {
        await cluster.OkAsync("create", "-n", "generic-with-patch", "--image", "web:1.0.0", "--instance-count", "1");
        var before = await ShowAsync("generic-with-patch");

        var result = await cluster.RunAsync("update", "-n", "generic-with-patch", "--set", "upgradePolicy.mode=Automatic", "--patch", "{}");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: --set, --add and --remove edit the resource; --patch and --file give a whole merge patch: use one or the other", result.ErrorLine);
        Assert.Equal(before, await ShowAsync("generic-with-patch"));
    }

    [Fact]
    public async Task Set_ValueTheScaleSetRejects_KeepsTheValidationErrorsExitCode()
    {
        await cluster.OkAsync("create", "-n", "generic-range", "--image", "web:1.0.0", "--instance-count", "2", "--upgrade-policy-mode", "Rolling", "--lb", "generic-range-lb");
        var before = await ShowAsync("generic-range");

        var result = await cluster.RunAsync("update", "-n", "generic-range", "--set", "upgradePolicy.rollingUpgradePolicy.maxBatchInstancePercent=150");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: (InvalidParameter) properties.upgradePolicy.rollingUpgradePolicy.maxBatchInstancePercent: 150 is out of range: allowed 5–100", result.ErrorLine);
        Assert.Equal(before, await ShowAsync("generic-range"));
    }

    /// <summary>A merge patch is held to the same rule as --set: Azure refuses a member it does not know (InvalidRequestContent), and nothing is stored.</summary>
    [Theory]
    [InlineData("generic-patch-top", "{\"bogusTop\":1}", "'bogusTop'")]
    [InlineData("generic-patch-properties", "{\"properties\":{\"bogusProp\":1}}", "'properties.bogusProp'")]
    [InlineData("generic-patch-policy", "{\"properties\":{\"upgradePolicy\":{\"mood\":\"x\"}}}", "'properties.upgradePolicy.mood'")]
    public async Task Patch_UnknownMember_IsInvalidRequestContentAndChangesNothing(string name, string patch, string path)
    {
        await cluster.OkAsync("create", "-n", name, "--image", "web:1.0.0", "--instance-count", "1");
        var before = await ShowAsync(name);

        var result = await cluster.RunAsync("update", "-n", name, "--patch", patch);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: (InvalidRequestContent) the patch: {path} does not exist in scale set '{name}'", result.Err, StringComparison.Ordinal);
        Assert.Equal(1, result.Err.Count(c => c == '\n'));
        Assert.Equal(before, await ShowAsync(name));
    }

    /// <summary>The resource as show prints it, read-only members included, is a valid patch (show, edit, update --file).</summary>
    [Fact]
    public async Task File_TheShownResourceEdited_IsAccepted()
    {
        await cluster.OkAsync("create", "-n", "generic-roundtrip", "--image", "web:1.0.0", "--instance-count", "1");
        var shown = JsonNode.Parse(await ShowAsync("generic-roundtrip"))!.AsObject();
        shown["properties"]!["upgradePolicy"]!["mode"] = "Automatic";
        var path = Path.Combine(Path.GetTempPath(), $"vmss-show-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, shown.ToJsonString());
        try
        {
            await cluster.OkAsync("update", "-n", "generic-roundtrip", "--file", path);
        }
        finally
        {
            File.Delete(path);
        }

        Assert.Equal("Automatic", JsonNode.Parse(await ShowAsync("generic-roundtrip"))!["properties"]!["upgradePolicy"].Str("mode"));
    }
}
