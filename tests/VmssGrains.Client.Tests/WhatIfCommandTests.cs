using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests;

/// <summary>
/// <c>what-if</c> as a user runs it: the prediction of each real scale set document (exact values, seed 0, reference
/// engine), <c>--save-scenario</c> writing a file that <c>simulate --scenario FILE --engine reference</c> plays to the
/// very same report, the header it prints, and bad input: one line, exit 2, and no file written. Saved files go to a
/// temporary directory per test.
/// </summary>
public sealed class WhatIfCommandTests : IDisposable
{
    private const string Get = "tests/fixtures/azure/rest-api-examples/2025-04-01/VirtualMachineScaleSet_Get.json";
    private const string Observed = "tests/fixtures/azure/observed-outputs/az-vmss-create.flexible-automatic.vmss-properties.json";
    private const string ScheduledEvents = "tests/fixtures/azure/rest-api-examples/2025-04-01/VirtualMachineScaleSet_Create_WithOSImageScheduledEventEnabled.json";
    private readonly string directory = Directory.CreateTempSubdirectory("vmss-what-if-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    private static string At(string path) => Path.Combine(Repo.Root, path);

    /// <summary>
    /// api.vmss.json (6 instances in zones 1–3, Rolling at 34 %: batches of 2, one zone at a time, PT2M pause); Get
    /// (4 instances, Automatic: one batch, no health gate); ScheduledEvents (3 instances, Manual: the model moves to
    /// version 2 and no instance follows, so nothing runs); api.vmss.az-show.json, az's flattened print of api.vmss.json,
    /// predicts the same; the observed az vmss create output of a Flexible scale set (2 instances, Automatic run as
    /// Manual: nothing runs).
    /// </summary>
    [Theory]
    [InlineData("examples/azure/api.vmss.json", "2024.07.0", "", "PT23M54S", "1:0,3:PT0S-PT6M41S 2:1,4:PT8M41S-PT15M28S 3:2,5:PT17M28S-PT23M54S", 6)]
    [InlineData("examples/azure/api.vmss.json", "2024.07.0", "upgradePolicy.rollingUpgradePolicy.enableCrossZoneUpgrade=true", "PT24M2S", "-:0,1:PT0S-PT6M34S -:2,3:PT8M34S-PT15M15S -:4,5:PT17M15S-PT24M2S", 6)]
    [InlineData(Get, "3.16.0", "", "PT3M52S", "-:0,1,2,3:PT0S-PT3M52S", 4)]
    [InlineData(ScheduledEvents, "14393.4169.2101090332", "", "PT0S", "", 0)]
    [InlineData("examples/azure/api.vmss.az-show.json", "2024.07.0", "", "PT23M54S", "1:0,3:PT0S-PT6M41S 2:1,4:PT8M41S-PT15M28S 3:2,5:PT17M28S-PT23M54S", 6)]
    [InlineData(Observed, "22.04.202408010", "", "PT0S", "", 0)]
    public async Task WhatIf_SavedScenario_SimulatesToTheSameReport(string file, string version, string set, string duration, string batches, long latest)
    {
        var saved = Path.Combine(directory, "scenario.json");
        string[] sets = set.Length == 0 ? [] : ["--set", set];

        var whatIf = Json.ParseObject(await Cli.OkAsync(["what-if", "--file", At(file), "--image-version", version, .. sets, "--save-scenario", saved, "--output", "json"]));
        var simulated = Json.ParseObject(await Cli.OkAsync("simulate", "--scenario", saved, "--engine", "reference", "--output", "json"));

        var prediction = whatIf["prediction"]!;
        Assert.True(JsonNode.DeepEquals(prediction, simulated), $"what-if predicted\n{prediction}\nsimulate reported\n{simulated}");
        Assert.True(JsonNode.DeepEquals(whatIf["whatIf"]!["scenario"], JsonNode.Parse(File.ReadAllText(saved))), "the saved file is the scenario what-if ran");
        var scaleSet = prediction["scaleSets"]![0]!;
        Assert.Equal((duration, 2L, latest), (prediction.Str("simulatedDuration")!, scaleSet.Whole("modelVersion"), scaleSet["instancesSummary"].Whole("latestModelAppliedCount")));
        var actual = scaleSet.Objects("runs").SelectMany(r => r.Objects("batches"))
            .Select(b => $"{b.Str("zone") ?? "-"}:{string.Join(',', b.Strings("instanceIds"))}:{b.Str("startTime")}-{b.Str("endTime")}");
        Assert.Equal(batches, string.Join(' ', actual));
    }

    [Fact]
    public async Task WhatIf_Text_PrintsWhatItReadTheChangeAndThePrediction()
    {
        var saved = Path.Combine(directory, "api.json");

        var result = await Cli.OkAsync("what-if", "--file", At("examples/azure/api.vmss.json"), "--image-version", "2024.07.0", "--save-scenario", saved);

        var lines = result.Out.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Equal($"What-if from {At("examples/azure/api.vmss.json")}", lines[0]);
        Assert.Equal("  Scale set        api (westeurope, Uniform, 6 instances × Standard_D2s_v5, zones 1 2 3)", lines[1]);
        Assert.Equal("  Image            gallery image ubuntu-api, version 2024.06.0 → 2024.07.0", lines[6]);
        Assert.StartsWith("  Change at PT0S   update of scale set api, the merge patch {\"properties\":", lines[7], StringComparison.Ordinal);
        Assert.StartsWith("  What follows     Rolling: the update starts a rolling upgrade of the 6 instances, batches of up to 2, one zone at a time", lines[8], StringComparison.Ordinal);
        Assert.StartsWith("  Assumed          step durations: the simulator's default timing profile", lines[9], StringComparison.Ordinal);
        Assert.Contains($"  Scenario saved   {saved} (simulate --scenario {saved} runs it)", lines);
        Assert.Contains("Batch plan of api (RollingUpgrade run started by update at PT0S): 3 batch(es)", lines);
        Assert.Contains("Prediction for what-if over 100 seeds (seeds 0–99), reference engine", lines);
        Assert.Contains("  Halted             none of 100 runs", lines);
        Assert.Contains("One run in full: the reference engine, seed 0", lines);
        Assert.Contains("  RollingUpgrade run started by User at PT0S: Completed at PT23M54S · 6 succeeded, 0 failed, 0 pending", lines);
        Assert.Equal("", result.Err);
    }

    /// <summary>An ARM template whose parameters have no defaults is read with --parameters, as create reads it.</summary>
    [Fact]
    public async Task WhatIf_ArmTemplateWithParameters_PredictsItsScaleSet()
    {
        var result = await Cli.OkAsync(
            "what-if", "--file", At("tests/fixtures/azure/templates/zonesmanualrolling.json"), "--parameters", "vmssNamePrefix=web", "instanceCount=4",
            "adminUsername=azureuser", "adminPassword=P4ssw0rd!", "--image-version", "18.04.202401010", "--seeds", "5");

        var lines = result.Out.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Contains("  Scale set        web (eastus, Uniform, 4 instances × Standard_DS1_v2, zones 1 2 3)", lines);
        Assert.Contains("  Image            marketplace image Canonical:UbuntuServer:16.04-LTS, version latest → 18.04.202401010", lines);
        Assert.Contains("Batch plan of web (RollingUpgrade run started by update at PT0S): 4 batch(es)", lines);
        Assert.Contains("  Halted             none of 5 runs", lines);
        Assert.Contains("Scale set web (Rolling, model version 2): 4 instances, 4 on the latest model, 4 healthy", lines);
    }

    [Fact]
    public async Task WhatIf_ObservedAzCreateOutputOfAFlexibleScaleSet_SaysItIsEffectivelyManual()
    {
        var result = await Cli.OkAsync("what-if", "--file", At(Observed), "--image-version", "22.04.202408010");

        var lines = result.Out.Split('\n').Select(l => l.TrimEnd()).ToList();
        Assert.Equal(
            [
                $"What-if from {At(Observed)}",
                "  Scale set        az-vmss-create.flexible-automatic.vmss-properties (eastus, Flexible, 2 instances, regional)",
                "  Upgrade policy   Automatic (effectively Manual: orchestrationMode Flexible)",
                "  Health           none: no health probe and no Application Health extension, so an instance counts as healthy once it has booted and its extensions have succeeded (no health gate)",
                "  Load balancers   vmss000002LB (backend pool vmss000002LBBEPool)",
                "  Extensions       none",
                "  Image            marketplace image Canonical:0001-com-ubuntu-server-jammy:22_04-lts-gen2, version latest → 22.04.202408010",
                "  Change at PT0S   update of scale set az-vmss-create.flexible-automatic.vmss-properties, the merge patch {\"properties\":{\"virtualMachineProfile\":{\"storageProfile\":{\"imageReference\":{\"version\":\"22.04.202408010\"}}}}}",
                "  What follows     Manual (orchestrationMode Flexible makes upgradePolicy.mode Automatic effectively Manual): the model changes and no instance is upgraded until update-instances (or a reimage) names it, so the prediction shows all 2 instances left on the previous model",
            ],
            lines.Take(9));
        Assert.Contains("                   orchestrationMode Flexible: the simulator runs upgradePolicy.mode Automatic as Manual (docs/behaviour.md#orchestration-modes); Azure now also upgrades Flexible scale sets by their policy: --set simulation.flexibleUpgrades=true predicts that", lines);
        Assert.Contains("Prediction for what-if over 100 seeds (seeds 0–99), reference engine", lines);
        Assert.Contains("One run in full: the reference engine, seed 0", lines);
        Assert.Equal("", result.Err);
    }

    [Fact]
    public async Task WhatIf_FlattenedFileWithoutVirtualMachineProfile_IsOneLineExit2()
    {
        var flattened = JsonNode.Parse(File.ReadAllText(At("examples/azure/api.vmss.az-show.json")))!.AsObject();
        flattened.Remove("virtualMachineProfile");
        var file = Path.Combine(directory, "no-profile.json");
        await File.WriteAllTextAsync(file, flattened.ToJsonString());

        var result = await Cli.RunAsync("what-if", "--file", file, "--image-version", "2024.07.0");

        Assert.Equal((2, $"error: {file}: scale set 'api' would be refused by Azure: (InvalidParameter) properties.virtualMachineProfile: is required: the scale set needs a virtualMachineProfile with an imageReference", ""), (result.ExitCode, result.ErrorLine, result.Out));
    }

    public static TheoryData<string[], string> BadInputs => new()
    {
        { ["--file", "nowhere.json", "--image-version", "1.0.0"], "error: nowhere.json: no such file" },
        { ["--file", "tests/fixtures/azure/observed-outputs/Get-AzVmssRollingUpgrade.Completed.json", "--image-version", "1.0.0"], "error: tests/fixtures/azure/observed-outputs/Get-AzVmssRollingUpgrade.Completed.json: no scale set in this document; give a scale set as az vmss show or the REST API print it" },
        { ["--file", "examples/azure/api.vmss.json", "--set", "upgradePolicy.mood=Manual"], "error: --set: 'upgradePolicy.mood' does not exist in scale set 'api' (upgradePolicy has: mode, rollingUpgradePolicy, automaticOSUpgradePolicy)" },
        { ["--file", "examples/azure/api.vmss.json", "--image-version", "latest"], "error: --image-version: 'latest' is not a valid gallery image version (character 1 is 'l'): use Major.Minor.Patch (or Major.Minor), whole numbers such as 1.2.0" },
        { ["--file", "examples/azure/api.vmss.json"], "error: nothing to change: give the change you are about to make, --image-version V and/or --set path=value" },
        { ["--file", "examples/azure/api.vmss.json", "--image-version", "2024.07.0", "--seeds", "0"], "error: --seeds: 0 is out of range: allowed 1–10000 (see --help)" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task WhatIf_BadInput_IsOneLineExit2AndWritesNothing(string[] args, string error)
    {
        var saved = Path.Combine(directory, "never.json");
        var previous = Directory.GetCurrentDirectory();

        // Relative paths, as a user types them: the line names the file as given.
        Directory.SetCurrentDirectory(Repo.Root);
        CliResult result;
        try
        {
            result = await Cli.RunAsync(["what-if", .. args, "--save-scenario", saved]);
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(error, result.ErrorLine);
        Assert.Equal("", result.Out);
        Assert.False(File.Exists(saved));
    }

    [Fact]
    public async Task WhatIf_SaveIntoAMissingDirectory_IsOneLineAndNoPrediction()
    {
        var saved = Path.Combine(directory, "missing", "scenario.json");

        var result = await Cli.RunAsync("what-if", "--file", At("examples/azure/api.vmss.json"), "--image-version", "2024.07.0", "--save-scenario", saved);

        Assert.Equal((2, $"error: --save-scenario: {saved}: no such directory", ""), (result.ExitCode, result.ErrorLine, result.Out));
    }

    [Fact]
    public async Task WhatIf_AsAProcess_ExitsTwoOnABadSetPath()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var result = await ChildProcess.RunAsync(Repo.ClientDll, ["what-if", "--file", At("examples/azure/api.vmss.json"), "--set", "virtualMachineProfile.storageProfile.imageReference.idd=x"], deadline.Token);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: --set: 'virtualMachineProfile.storageProfile.imageReference.idd' does not exist in scale set 'api' (virtualMachineProfile.storageProfile.imageReference has: id, publisher, offer, sku, version, sharedGalleryImageId, communityGalleryImageId)", result.ErrorLine);
    }
}
