using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests;

/// <summary>create --file with the real Azure JSON kept in tests/fixtures/azure: REST examples, az outputs, ARM templates.</summary>
[Collection(VerbClusterCollection.Name)]
public sealed class CreateFromAzureFilesTests(VerbClusterFixture cluster)
{
    private static string Fixture(string path) => Path.Combine(Repo.Root, "tests", "fixtures", "azure", path);

    [Fact]
    public async Task Create_FromTheRestApiGetExample_TakesItsResponseBody()
    {
        await cluster.OkAsync("create", "-n", "from-rest", "--file", Fixture("rest-api-examples/2025-04-01/VirtualMachineScaleSet_Get.json"));

        var shown = Json.ParseObject(await cluster.OkAsync("show", "-n", "from-rest", "-o", "json"));
        Assert.Equal(("from-rest", 4L), (shown.Str("name")!, shown["sku"].Whole("capacity")));
        Assert.Equal("Automatic", shown["properties"]!["upgradePolicy"].Str("mode"));
        Assert.Equal(4, (await cluster.InstancesAsync("from-rest")).Count);
    }

    [Fact]
    public async Task Create_FromTheAzCliFlexibleOutput_RunsFlexibleAsManual()
    {
        await cluster.OkAsync("create", "-n", "from-az", "--file", Fixture("observed-outputs/az-vmss-create.flexible-automatic.vmss-properties.json"));

        var shown = Json.ParseObject(await cluster.OkAsync("show", "-n", "from-az", "-o", "json"));
        Assert.Equal(("Flexible", 2L), (shown["properties"].Str("orchestrationMode")!, shown["sku"].Whole("capacity")));
    }

    [Fact]
    public async Task Create_FromAzVmssShowOutput_StoresItsRestForm()
    {
        // Its gallery image would have to be published in the cluster first: a marketplace image stands in.
        var flattened = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Root, "examples", "azure", "api.vmss.az-show.json")))!.AsObject();
        flattened["virtualMachineProfile"]!["storageProfile"]!["imageReference"] = JsonNode.Parse("""{"publisher":"Canonical","offer":"ubuntu-24_04-lts","sku":"server","version":"1.0.0"}""");
        var file = Path.Combine(Path.GetTempPath(), $"vmss-az-show-{Environment.ProcessId}.json");
        await File.WriteAllTextAsync(file, flattened.ToJsonString());
        try
        {
            await cluster.OkAsync("create", "-n", "from-az-show", "--file", file);
        }
        finally
        {
            File.Delete(file);
        }

        var shown = Json.ParseObject(await cluster.OkAsync("show", "-n", "from-az-show", "-o", "json"));
        Assert.Equal(("Rolling", 34L, 6L), (shown["properties"]!["upgradePolicy"].Str("mode")!, shown["properties"]!["upgradePolicy"]!["rollingUpgradePolicy"].Whole("maxBatchInstancePercent"), shown["sku"].Whole("capacity")));
        Assert.Equal("CustomScript", shown["properties"]!["virtualMachineProfile"]!["extensionProfile"]!["extensions"]![0]!["properties"].Str("type"));
        Assert.Null(shown["upgradePolicy"]);
        Assert.Null(shown["resourceGroup"]);
        Assert.Equal(6, (await cluster.InstancesAsync("from-az-show")).Count);
    }

    [Fact]
    public async Task Create_FromAnArmTemplate_EvaluatesItsParameters()
    {
        await cluster.OkAsync("create", "-n", "from-template", "--file", Fixture("templates/zonesmanualrolling.json"), "--parameters", "vmssNamePrefix=zonal", "instanceCount=6", "adminUsername=azureuser", "adminPassword=secret");

        var instances = await cluster.InstancesAsync("from-template");
        Assert.Equal(6, instances.Count);
        Assert.Equal(["1", "2", "3"], instances.Select(i => i["zones"]![0]!.GetValue<string>()).Distinct().Order());
        var shown = Json.ParseObject(await cluster.OkAsync("show", "-n", "from-template", "-o", "json"));
        Assert.Equal("Rolling", shown["properties"]!["upgradePolicy"].Str("mode"));
    }

    [Fact]
    public async Task Create_FromAFileThatIsNoScaleSet_IsAUsageError()
    {
        var status = Fixture("observed-outputs/Get-AzVmssRollingUpgrade.Completed.json");

        var result = await cluster.RunAsync("create", "-n", "not-a-scale-set", "--file", status);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: {status}: no scale set in this document", result.ErrorLine, StringComparison.Ordinal);
    }
}
