using System.Text.Json.Nodes;
using VmssGrains.Domain.Azure;
using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.Tests;

/// <summary>
/// Every JSON file under the Azure fixtures (tests/fixtures/azure) is classified here: either it describes scale sets, and each
/// scale set it holds is read by <see cref="ScaleSetModelReader"/> with a pinned outcome, or it is pinned as
/// something else. A new fixture file fails <see cref="Fixtures_EveryJsonFile_IsClassified"/> until it is added here.
/// </summary>
public class AzureDocumentsTests
{
    private const string Windows2016 = "MicrosoftWindowsServer:WindowsServer:2016-Datacenter:latest";

    private const string RepairsWithoutHealth =
        "BadRequest properties.automaticRepairsPolicy.enabled: Automatic repairs not supported for this Virtual Machine Scale Set because a health probe or health extension was not provided.";

    private const string AutomaticOSUpgradeWithoutHealth =
        "BadRequest properties.upgradePolicy.automaticOSUpgradePolicy.enableAutomaticOSUpgrade: Automatic OS Upgrade is not supported for this Virtual Machine Scale Set because a health probe or health extension was not specified.";

    private const string RollingWithoutHealth =
        "BadRequest properties.upgradePolicy.mode: Rolling Upgrade mode is not supported for this Virtual Machine Scale Set because a health probe or health extension was not provided.";

    private const string AutomaticOSUpgradePreview =
        "properties.upgradePolicy.automaticOSUpgrade: preview-era switch (api 2017-03-30 to 2018-06-01), replaced by upgradePolicy.automaticOSUpgradePolicy.enableAutomaticOSUpgrade in 2018-10-01; ignored";

    /// <summary>The errors of VirtualMachineScaleSet_Update_MaximumSet_Gen: a generated example whose values are placeholders Azure would refuse too.</summary>
    private static readonly string[] GeneratedPlaceholders =
    [
        "InvalidParameter properties.upgradePolicy.rollingUpgradePolicy.pauseTimeBetweenBatches: 'aaaaaaaaaaaaaaa' is not an ISO 8601 duration such as PT5M",
        "InvalidParameter properties.virtualMachineProfile.storageProfile.imageReference.id: 'aaaaaaaaaaaaaaaaaaa' is not an image id (a gallery image or image version id, or publisher/offer/sku/version)",
        "InvalidParameter properties.virtualMachineProfile.extensionProfile.extensions[0].name: '{extension-name}' is not a valid extension name (character 1 is '{'): use 1–80 letters, digits, '-', '_' or '.', starting with a letter or digit and ending with a letter, digit or '_'",
        "InvalidParameter properties.virtualMachineProfile.networkProfile.healthProbe.id: '/subscriptions/{subscription-id}/resourceGroups/myResourceGroup/providers/Microsoft.Compute/disks/disk123' is not a load balancer probe id (.../loadBalancers/{name}/probes/{probe})",
    ];

    /// <summary>Files that describe no scale set, with what they are and the document kind they are recognised as.</summary>
    private static readonly Dictionary<string, (string What, AzureDocumentKind Kind)> NotScaleSets = new(StringComparer.Ordinal)
    {
        ["observed-outputs/Get-AzVmss.OSUpgradeHistory.json"] = ("OS upgrade history entry (PowerShell, PascalCase)", AzureDocumentKind.Other),
        ["observed-outputs/Get-AzVmssRollingUpgrade.Completed.json"] = ("rolling upgrade status (PowerShell, PascalCase)", AzureDocumentKind.Other),
        ["observed-outputs/Get-AzVmssRollingUpgrade.Faulted.MaxUnhealthyInstancePercentExceededBeforeRollingUpgrade.json"] = ("rolling upgrade status (PowerShell, PascalCase)", AzureDocumentKind.Other),
        ["observed-outputs/Start-AzVmssRollingOSUpgrade.Result.json"] = ("long-running operation result", AzureDocumentKind.Other),
        ["observed-outputs/az-vmss-rolling-upgrade-get-latest.RollingForward.json"] = ("rolling upgrade status (az, flattened)", AzureDocumentKind.Other),
        ["observed-outputs/osUpgradeHistory.RollingForward.docs-sample.json"] = ("OS upgrade history list", AzureDocumentKind.List),
        ["observed-outputs/rolling-upgrade-error-messages.observed.json"] = ("error list", AzureDocumentKind.Other),
        ["observed-outputs/rollingUpgrades-latest.2017-03-30.Completed.json"] = ("rolling upgrade status (REST, 2017)", AzureDocumentKind.Other),
        ["rest-api-examples/2025-04-01/VirtualMachineScaleSetExtension_RollingUpgrade.json"] = ("action without body: start extension upgrade", AzureDocumentKind.RestApiExample),
        ["rest-api-examples/2025-04-01/VirtualMachineScaleSetRollingUpgrade_Cancel_MaximumSet_Gen.json"] = ("action without body: cancel", AzureDocumentKind.RestApiExample),
        ["rest-api-examples/2025-04-01/VirtualMachineScaleSetRollingUpgrade_GetLatest_MaximumSet_Gen.json"] = ("rolling upgrade status", AzureDocumentKind.RestApiExample),
        ["rest-api-examples/2025-04-01/VirtualMachineScaleSetRollingUpgrade_GetLatest_MinimumSet_Gen.json"] = ("rolling upgrade status", AzureDocumentKind.RestApiExample),
        ["rest-api-examples/2025-04-01/VirtualMachineScaleSetRollingUpgrade_StartOSUpgrade_MaximumSet_Gen.json"] = ("action without body: start OS upgrade", AzureDocumentKind.RestApiExample),
        ["rest-api-examples/2025-04-01/VirtualMachineScaleSetVM_ApproveRollingUpgrade.json"] = ("action without body: approve (one VM)", AzureDocumentKind.RestApiExample),
        ["rest-api-examples/2025-04-01/VirtualMachineScaleSetVM_Get_InstanceViewAutoPlacedOnDedicatedHostGroup.json"] = ("VM instance view", AzureDocumentKind.RestApiExample),
        ["rest-api-examples/2025-04-01/VirtualMachineScaleSetVM_Get_WithVMSizeProperties.json"] = ("scale set VM (type .../virtualMachines)", AzureDocumentKind.RestApiExample),
        ["rest-api-examples/2025-04-01/VirtualMachineScaleSet_ApproveRollingUpgrade.json"] = ("action with instance ids: approve", AzureDocumentKind.RestApiExample),
        ["rest-api-examples/2025-04-01/VirtualMachineScaleSet_GetInstanceView_MaximumSet_Gen.json"] = ("scale set instance view", AzureDocumentKind.RestApiExample),
        ["rest-api-examples/2025-04-01/VirtualMachineScaleSet_GetOSUpgradeHistory_MaximumSet_Gen.json"] = ("OS upgrade history list", AzureDocumentKind.RestApiExample),
        ["rest-api-examples/2025-04-01/VirtualMachineScaleSet_Reimage_MaximumSet_Gen.json"] = ("action with instance ids: reimage", AzureDocumentKind.RestApiExample),
        ["rest-api-examples/2025-04-01/VirtualMachineScaleSet_UpdateInstances_MaximumSet_Gen.json"] = ("action with instance ids: manual upgrade", AzureDocumentKind.RestApiExample),
        ["rest-api-examples/2025-11-01/VirtualMachineScaleSetLifeCycleHookEvent_Get.json"] = ("lifecycle hook event", AzureDocumentKind.RestApiExample),
        ["rest-api-examples/2025-11-01/VirtualMachineScaleSetLifeCycleHookEvent_Update.json"] = ("lifecycle hook event", AzureDocumentKind.RestApiExample),
        ["schema/2025-04-01/computeRPCommon.json"] = ("swagger extract", AzureDocumentKind.Other),
        ["schema/2025-04-01/virtualMachineScaleSet.json"] = ("swagger extract", AzureDocumentKind.Other),
    };

    /// <summary>Values for template parameters that have no defaultValue (a deployment would ask for them too).</summary>
    private static readonly Dictionary<string, Dictionary<string, JsonNode?>> TemplateParameters = new(StringComparer.Ordinal)
    {
        ["templates/autoupdate.json"] = new() { ["vmssNamePrefix"] = "auto", ["instanceCount"] = 3, ["adminUsername"] = "azureuser", ["adminPassword"] = "P@ssw0rd!" },
        ["templates/azuredeploy.json"] = new() { ["vmssName"] = "repairs", ["adminUsername"] = "azureuser", ["adminPassword"] = "P@ssw0rd!" },
        ["templates/manualrolling.json"] = new() { ["vmssNamePrefix"] = "web", ["instanceCount"] = 5, ["adminUsername"] = "azureuser", ["adminPassword"] = "P@ssw0rd!" },
        ["templates/zonesmanualrolling.json"] = new() { ["vmssNamePrefix"] = "zonal", ["instanceCount"] = 6, ["adminUsername"] = "azureuser", ["adminPassword"] = "P@ssw0rd!" },
    };

    /// <summary>
    /// Files that describe scale sets: every scale set found (by source) and what <see cref="ScaleSetModelReader"/> makes
    /// of it, either the model's fields or the exact errors.
    /// </summary>
    private static readonly Dictionary<string, Found[]> ScaleSetFiles = new(StringComparer.Ordinal)
    {
        ["observed-outputs/az-vmss-create.flexible-automatic.vmss-properties.json"] =
        [
            // Bare properties: no sku, so the reader's default capacity. Mode Automatic is kept; Flexible runs it as Manual.
            new("properties", new Fields("az-vmss-create.flexible-automatic.vmss-properties", 2, UpgradeMode.Automatic, UpgradeMode.Manual, OrchestrationMode.Flexible,
                "Canonical:0001-com-ubuntu-server-jammy:22_04-lts-gen2:latest", "", null, "", "vmss000002LB")),
        ],
        ["rest-api-examples/2025-04-01/VirtualMachineScaleSet_Create_WithAutomaticRepairs.json"] =
        [
            // Known conflict: the example enables automatic repairs with no health probe and no Application Health
            // extension, which Azure rejects; the responses do not differ, so they are rejected too.
            new("parameters.parameters", Errors: [RepairsWithoutHealth]),
            new("responses.200.body", Errors: [RepairsWithoutHealth]),
            new("responses.201.body", Errors: [RepairsWithoutHealth]),
        ],
        ["rest-api-examples/2025-04-01/VirtualMachineScaleSet_Create_WithOSImageScheduledEventEnabled.json"] =
        [
            new("parameters.parameters", Windows2016Manual("VirtualMachineScaleSet_Create_WithOSImageScheduledEventEnabled")),
            new("responses.200.body", Windows2016Manual("VirtualMachineScaleSet_Create_WithOSImageScheduledEventEnabled")),
            new("responses.201.body", Windows2016Manual("VirtualMachineScaleSet_Create_WithOSImageScheduledEventEnabled")),
        ],
        ["rest-api-examples/2025-04-01/VirtualMachineScaleSet_Get.json"] =
        [
            new("responses.200.body", new Fields("myVirtualMachineScaleSet", 4, UpgradeMode.Automatic, UpgradeMode.Automatic, OrchestrationMode.Uniform,
                "azuredatabricks:databricks:databricksworker:3.15.2", "", null, "", "")),
        ],
        ["rest-api-examples/2025-04-01/VirtualMachineScaleSet_Update_MaximumSet_Gen.json"] =
        [
            // Generated "MaximumSet" example: placeholder values ("aaaa", a disk id as health probe) that Azure refuses too.
            new("parameters.parameters", Errors: GeneratedPlaceholders),
            new("responses.200.body", Errors: GeneratedPlaceholders),
        ],
        ["rest-api-examples/2025-11-01/VirtualMachineScaleSet_Create_WithExternalHealthPolicy.json"] =
        [
            // externalHealthPolicy (with the source's "PTM" typo in the request) is unknown to the reader and ignored.
            new("parameters.parameters", Windows2016Manual("VirtualMachineScaleSet_Create_WithExternalHealthPolicy")),
            new("responses.200.body", Windows2016Manual("VirtualMachineScaleSet_Create_WithExternalHealthPolicy")),
            new("responses.201.body", Windows2016Manual("VirtualMachineScaleSet_Create_WithExternalHealthPolicy")),
        ],
        ["rest-api-examples/2025-11-01/VirtualMachineScaleSet_Create_WithLifecycleHooksProfile.json"] =
        [
            // Conflict: automatic OS upgrade with no health probe and no Application Health extension (Azure's observed
            // answer to that is the error below; see rolling-upgrade-error-messages.observed.json).
            new("parameters.parameters", Errors: [AutomaticOSUpgradeWithoutHealth]),
            new("responses.200.body", Errors: [AutomaticOSUpgradeWithoutHealth]),
            new("responses.201.body", Errors: [AutomaticOSUpgradeWithoutHealth]),
        ],
        ["templates/autoupdate.json"] =
        [
            // Conflict: the 2017 preview template asks for Rolling mode without any health probe or extension.
            new("resources[1]", Errors: [RollingWithoutHealth], Tolerated: [AutomaticOSUpgradePreview]),
        ],
        ["templates/azuredeploy.json"] =
        [
            // The load balancer name embeds uniqueString(resourceGroup().id): "repairs" + "v2", pinned by the stable hash.
            new("resources[2]", new Fields("repairs", 2, UpgradeMode.Manual, UpgradeMode.Manual, OrchestrationMode.Uniform,
                "Canonical:UbuntuServer:18.04-LTS:latest", "CustomScriptToInstallApache", "repairsv2lb/repairsv2lbprobe", "", "repairsv2lb")),
        ],
        ["templates/manualrolling.json"] =
        [
            new("resources[2]", new Fields("web", 5, UpgradeMode.Rolling, UpgradeMode.Rolling, OrchestrationMode.Uniform,
                "Canonical:UbuntuServer:16.04-LTS:latest", "lapextension", "weblb/sshProbe", "", "weblb"), Tolerated: [AutomaticOSUpgradePreview]),
        ],
        ["templates/zonesmanualrolling.json"] =
        [
            new("resources[2]", new Fields("zonal", 6, UpgradeMode.Rolling, UpgradeMode.Rolling, OrchestrationMode.Uniform,
                "Canonical:UbuntuServer:16.04-LTS:latest", "lapextension", "zonallb/sshProbe", "1,2,3", "zonallb"), Tolerated: [AutomaticOSUpgradePreview]),
        ],
    };

    public static TheoryData<string> ScaleSetFileNames() => [.. ScaleSetFiles.Keys];

    public static TheoryData<string> OtherFileNames() => [.. NotScaleSets.Keys];

    [Fact]
    public void Fixtures_EveryJsonFile_IsClassified()
    {
        var root = TestData.AzureDirectory();
        var files = Directory.EnumerateFiles(root, "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

        var classified = ScaleSetFiles.Keys.Concat(NotScaleSets.Keys).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(classified, files);
        Assert.Empty(ScaleSetFiles.Keys.Intersect(NotScaleSets.Keys));
    }

    [Theory]
    [MemberData(nameof(OtherFileNames))]
    public void ScaleSets_FileThatIsNoScaleSet_FindsNone(string file)
    {
        var document = Load(file);

        Assert.Equal(NotScaleSets[file].Kind, AzureDocuments.Kind(document));
        Assert.Empty(AzureDocuments.ScaleSets(document, file, null));
    }

    [Theory]
    [MemberData(nameof(ScaleSetFileNames))]
    public void ScaleSets_FileThatDescribesScaleSets_ReadsEachAsPinned(string file)
    {
        var found = AzureDocuments.ScaleSets(Load(file), file, TemplateParameters.GetValueOrDefault(file));
        var expected = ScaleSetFiles[file];

        Assert.Equal(expected.Select(e => e.Source), found.Select(f => f.Source));
        foreach (var (document, expect) in found.Zip(expected))
        {
            var model = ScaleSetModelReader.Read(document.SuggestedName, document.Resource, out var errors);
            Assert.Equal(expect.Errors ?? [], errors.Select(e => $"{e.Code} {e}"));
            Assert.Equal(expect.Model, model is null ? null : Fields.Of(model));
            Assert.Equal(expect.Tolerated ?? [], document.Tolerated);
        }
    }

    [Fact]
    public void ScaleSets_AutomaticRepairsExample_RequestIsRejectedAsAzureRejectsIt()
    {
        const string file = "rest-api-examples/2025-04-01/VirtualMachineScaleSet_Create_WithAutomaticRepairs.json";
        var request = AzureDocuments.ScaleSets(Load(file), file, null).Single(d => d.Source == "parameters.parameters");

        var model = ScaleSetModelReader.Read(request.SuggestedName, request.Resource, out var errors);

        Assert.Null(model);
        var error = Assert.Single(errors);
        Assert.Equal(new ValidationError(
            "BadRequest",
            "properties.automaticRepairsPolicy.enabled",
            "Automatic repairs not supported for this Virtual Machine Scale Set because a health probe or health extension was not provided."), error);
    }

    [Fact]
    public void ScaleSets_RestExampleRequestBody_TakesTheNameFromTheUrlParameter()
    {
        const string file = "rest-api-examples/2025-04-01/VirtualMachineScaleSet_Update_MaximumSet_Gen.json";

        var found = AzureDocuments.ScaleSets(Load(file), file, null);

        Assert.Equal("aaaaaaaaaaaaa", found[0].SuggestedName);
        Assert.Equal("VirtualMachineScaleSet_Update_MaximumSet_Gen", found[1].SuggestedName); // "{virtualMachineScaleSetName}"
    }

    [Fact]
    public void ScaleSets_PowerShellPascalCaseResource_ReadsLikeTheCamelCaseOne()
    {
        const string file = "rest-api-examples/2025-04-01/VirtualMachineScaleSet_Get.json";
        var body = Load(file)["responses"]!["200"]!["body"]!.AsObject();
        var pascal = (JsonObject)PascalCase(body)!;

        var found = Assert.Single(AzureDocuments.ScaleSets(pascal));

        Assert.Equal(AzureDocumentKind.ScaleSet, AzureDocuments.Kind(pascal));
        Assert.Equal("resource", found.Source);
        Assert.Equal("myVirtualMachineScaleSet", found.SuggestedName);
        var model = ScaleSetModelReader.Read(found.SuggestedName, found.Resource, out var errors);
        Assert.Empty(errors);
        Assert.Equal(ScaleSetFiles[file][0].Model, Fields.Of(model!));
    }

    [Fact]
    public void ScaleSets_ListResponse_FindsOnlyTheScaleSets()
    {
        var list = ScaleSetModelReader.ParseObject("""
            { "value": [
                { "name": "a", "type": "Microsoft.Compute/virtualMachineScaleSets", "properties": { "upgradePolicy": { "mode": "Manual" } } },
                { "name": "b", "type": "Microsoft.Compute/virtualMachineScaleSets/virtualMachines", "properties": { "latestModelApplied": true } },
                { "name": "c", "properties": { "virtualMachineProfile": {} } } ] }
            """);

        var found = AzureDocuments.ScaleSets(list);

        Assert.Equal(["value[0]", "value[2]"], found.Select(f => f.Source));
        Assert.Equal(["a", "c"], found.Select(f => f.SuggestedName));
    }

    [Theory]
    [InlineData("{vmss-name}", "templates/x.json", "x")]
    [InlineData(null, "observed-outputs/az-vmss-create.flexible-automatic.vmss-properties.json", "az-vmss-create.flexible-automatic.vmss-properties")]
    [InlineData("web-01", "anything.json", "web-01")]
    [InlineData("{vmss-name}", null, "vmss-name")]
    [InlineData(null, null, "vmss")]
    [InlineData(null, "my scale set (copy).json", "my-scale-set-copy")]
    public void SuggestedName_ResourceNameOrFile_GivesAValidName(string? name, string? file, string expected)
    {
        var resource = new JsonObject();
        if (name is not null)
        {
            resource["name"] = name;
        }

        var suggested = new ScaleSetDocument("resource", resource) { FileName = file }.SuggestedName;

        Assert.Equal(expected, suggested);
        Assert.True(ScaleSetDocument.IsValidName(suggested));
    }

    private static Fields Windows2016Manual(string name) =>
        new(name, 3, UpgradeMode.Manual, UpgradeMode.Manual, OrchestrationMode.Uniform, Windows2016, "", null, "", "");

    private static JsonObject Load(string file) => ScaleSetModelReader.ParseObject(TestData.AzureFile(file));

    /// <summary>The same JSON with every property name in PascalCase, as PowerShell prints Azure objects.</summary>
    private static JsonNode? PascalCase(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(char.ToUpperInvariant(p.Key[0]) + p.Key[1..], PascalCase(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(PascalCase)]),
        _ => node?.DeepClone(),
    };

    /// <summary>A scale set found in a file, and what the reader makes of it: the model's fields, or its errors.</summary>
    public sealed record Found(string Source, Fields? Model = null, string[]? Errors = null, string[]? Tolerated = null);

    /// <summary>The model fields the test pins; lists are comma-joined so that records compare by value.</summary>
    public sealed record Fields(
        string Name, int Capacity, UpgradeMode Mode, UpgradeMode EffectiveMode, OrchestrationMode Orchestration,
        string Image, string Extensions, string? HealthProbe, string Zones, string LoadBalancers)
    {
        public static Fields Of(ScaleSetModel model) => new(
            model.Name,
            model.Capacity,
            model.UpgradePolicy.Mode,
            model.EffectiveUpgradeMode,
            model.OrchestrationMode,
            model.Image.ToString(),
            string.Join(",", model.Extensions.Select(e => e.Name)),
            model.HealthProbe is { } probe ? $"{probe.LoadBalancer}/{probe.Child}" : null,
            string.Join(",", model.Zones),
            string.Join(",", model.LoadBalancers));
    }
}
