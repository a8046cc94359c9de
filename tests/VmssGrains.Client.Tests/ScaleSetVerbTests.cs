namespace VmssGrains.Client.Tests;

/// <summary>create, show, update, delete and scale against the shared cluster.</summary>
[Collection(VerbClusterCollection.Name)]
public sealed class ScaleSetVerbTests(VerbClusterFixture cluster)
{
    [Fact]
    public async Task Create_FromFlags_ShowPrintsTheAzureResource()
    {
        var created = await cluster.OkAsync(
            "create", "-n", "create-flags", "--image", "web:1.0.0", "--instance-count", "3", "--zones", "1", "2",
            "--upgrade-policy-mode", "Rolling", "--lb", "create-flags-lb", "--extensions", "app",
            "--max-batch-instance-percent", "50", "--pause-time-between-batches", "PT1M", "--enable-cross-zone-upgrade", "true");
        Assert.Contains("create-flags", created.Out, StringComparison.Ordinal);

        var resource = Json.ParseObject(await cluster.OkAsync("show", "-n", "create-flags", "-o", "json"));
        Assert.Equal("create-flags", resource.Str("name"));
        Assert.Equal("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/vmss-sim/providers/Microsoft.Compute/virtualMachineScaleSets/create-flags", resource.Str("id"));
        Assert.Equal(3, resource["sku"].Whole("capacity"));
        Assert.Equal(["1", "2"], resource.Strings("zones"));
        var properties = resource["properties"];
        Assert.Equal("Succeeded", properties.Str("provisioningState"));
        Assert.Equal("Rolling", properties!["upgradePolicy"].Str("mode"));
        var policy = properties["upgradePolicy"]!["rollingUpgradePolicy"];
        Assert.Equal(50, policy.Whole("maxBatchInstancePercent"));
        Assert.Equal("PT1M", policy.Str("pauseTimeBetweenBatches"));
        Assert.True(policy.Bool("enableCrossZoneUpgrade"));
        var profile = properties["virtualMachineProfile"];
        Assert.Equal(Verbs.ImageId("web", "1.0.0"), profile!["storageProfile"]!["imageReference"].Str("id"));
        Assert.Equal(
            "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/vmss-sim/providers/Microsoft.Network/loadBalancers/create-flags-lb/probes/health",
            profile["networkProfile"]!["healthProbe"].Str("id"));
        Assert.Equal(["app"], profile["extensionProfile"].Objects("extensions").Select(e => e.Str("name")));
        Assert.Equal(["0", "1", "2"], (await cluster.InstancesAsync("create-flags")).Ids());

        var again = await cluster.RunAsync("create", "-n", "create-flags", "--image", "web:1.0.0");
        Assert.Equal(2, again.ExitCode);
        Assert.Equal("error: scale set 'create-flags' already exists; use update, or delete it first", again.ErrorLine);
    }

    [Fact]
    public async Task Create_FromResourceFile_ShowPrintsIt()
    {
        var directory = Directory.CreateTempSubdirectory("vmss-create-file-");
        try
        {
            var path = Path.Combine(directory.FullName, "scale-set.json");
            await File.WriteAllTextAsync(path, """
                {
                  "name": "create-file",
                  "location": "westeurope",
                  "sku": { "name": "Standard_D2s_v5", "tier": "Standard", "capacity": 2 },
                  "properties": {
                    "orchestrationMode": "Uniform",
                    "upgradePolicy": { "mode": "Manual" },
                    "virtualMachineProfile": {
                      "storageProfile": { "imageReference": { "publisher": "Canonical", "offer": "0001-com-ubuntu-server-jammy", "sku": "22_04-lts-gen2", "version": "latest" } },
                      "extensionProfile": { "extensions": [ { "name": "install-app", "properties": { "publisher": "Microsoft.Azure.Extensions", "type": "CustomScript", "typeHandlerVersion": "2.1" } } ] }
                    }
                  }
                }
                """);
            await cluster.OkAsync("create", "-n", "create-file", "--file", path);
            var resource = Json.ParseObject(await cluster.OkAsync("show", "-n", "create-file", "-o", "json"));
            Assert.Equal(2, resource["sku"].Whole("capacity"));
            Assert.Equal("westeurope", resource.Str("location"));
            Assert.Equal("Succeeded", resource["properties"].Str("provisioningState"));
            Assert.Equal("Manual", resource["properties"]!["upgradePolicy"].Str("mode"));
            Assert.Equal(["install-app"], resource["properties"]!["virtualMachineProfile"]!["extensionProfile"].Objects("extensions").Select(e => e.Str("name")));
            Assert.Equal(["0", "1"], (await cluster.InstancesAsync("create-file")).Ids());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task Create_PolicyOutOfRange_IsUsageErrorNamingTheProperty()
    {
        var result = await cluster.RunAsync("create", "-n", "create-range", "--upgrade-policy-mode", "Rolling", "--lb", "create-range-lb", "--max-batch-instance-percent", "150");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: (InvalidParameter) properties.upgradePolicy.rollingUpgradePolicy.maxBatchInstancePercent: 150 is out of range: allowed 5–100", result.ErrorLine);
        Assert.Equal(2, (await cluster.RunAsync("show", "-n", "create-range")).ExitCode);
    }

    [Fact]
    public async Task Create_RollingWithoutHealthSource_IsUsageError()
    {
        var result = await cluster.RunAsync("create", "-n", "create-no-probe", "--upgrade-policy-mode", "Rolling");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "error: (BadRequest) properties.upgradePolicy.mode: Rolling Upgrade mode is not supported for this Virtual Machine Scale Set because a health probe or health extension was not provided.",
            result.ErrorLine);
    }

    [Fact]
    public async Task Update_SetInRollingMode_WaitsUntilTheRollingUpgradeCompleted()
    {
        await cluster.OkAsync("create", "-n", "update-set", "--image", "web:1.0.0", "--instance-count", "4", "--upgrade-policy-mode", "Rolling", "--lb", "update-set-lb");
        var updated = await cluster.OkAsync("update", "-n", "update-set", "--set", Verbs.SetImage("web", "1.1.0"));
        Assert.Equal("", updated.Err);

        var latest = (await cluster.LatestAsync("update-set"))["properties"];
        Assert.Equal("Completed", latest!["runningStatus"].Str("code"));
        Assert.Equal((4, 0, 0, 0), latest["progress"].Progress());
        var instances = await cluster.InstancesAsync("update-set");
        Assert.All(instances, i => Assert.True(i.LatestModelApplied()));
        Assert.All(instances, i => Assert.Equal(Verbs.ImageId("web", "1.1.0"), i["properties"]!["storageProfile"]!["imageReference"].Str("id")));
        var resource = Json.ParseObject(await cluster.OkAsync("show", "-n", "update-set", "-o", "json"));
        Assert.Equal("Succeeded", resource["properties"].Str("provisioningState"));
    }

    [Fact]
    public async Task Update_Patch_ChangesTheResource()
    {
        await cluster.OkAsync("create", "-n", "update-patch", "--image", "web:1.0.0", "--instance-count", "2");
        await cluster.OkAsync("update", "-n", "update-patch", "--patch", """{ "properties": { "upgradePolicy": { "mode": "Automatic" } }, "tags": { "team": "web" } }""");
        var resource = Json.ParseObject(await cluster.OkAsync("show", "-n", "update-patch", "-o", "json"));
        Assert.Equal("Automatic", resource["properties"]!["upgradePolicy"].Str("mode"));
        Assert.Equal("web", resource["tags"].Str("team"));

        // Automatic mode: a new image upgrades every instance at once, and update waits for it.
        await cluster.OkAsync("update", "-n", "update-patch", "--patch", $$"""{ "properties": { "virtualMachineProfile": { "storageProfile": { "imageReference": { "id": "{{Verbs.ImageId("web", "1.1.0")}}" } } } } }""");
        Assert.All(await cluster.InstancesAsync("update-patch"), i => Assert.True(i.LatestModelApplied()));
    }

    [Fact]
    public async Task Update_MalformedPatch_IsUsageErrorWithLineAndColumn()
    {
        await cluster.OkAsync("create", "-n", "update-bad-patch", "--image", "web:1.0.0", "--instance-count", "1");
        var result = await cluster.RunAsync("update", "-n", "update-bad-patch", "--patch", "{not json");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: --patch: not valid JSON at line 1, column 2: 'n' is an invalid start of a property name. Expected a '\"'.", result.ErrorLine);
    }

    [Fact]
    public async Task Update_TooManyUnhealthyInstancesBeforeTheFirstBatch_FailsWithTheRunsError()
    {
        await cluster.OkAsync("create", "-n", "update-fault", "--image", "web:1.0.0", "--instance-count", "5", "--upgrade-policy-mode", "Rolling", "--lb", "update-fault-lb");
        await cluster.OkAsync("fault", "unhealthy", "-n", "update-fault", "--instance-ids", "0", "1");

        var result = await cluster.RunAsync("update", "-n", "update-fault", "--set", Verbs.SetImage("web", "1.1.0"));
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(
            "error: operation Update Failed: (MaxUnhealthyInstancePercentExceededBeforeRollingUpgrade) Rolling Upgrade failed due to exceeding the MaxUnhealthyInstancePercent value",
            result.ErrorLine,
            StringComparison.Ordinal);

        // 2 of 5 unhealthy is 40 % > 20 %: no instance was touched.
        var latest = (await cluster.LatestAsync("update-fault"))["properties"];
        Assert.Equal("Faulted", latest!["runningStatus"].Str("code"));
        Assert.Equal((0, 0, 0, 0), latest["progress"].Progress());
        Assert.Equal(["update-fault/virtualMachines/0", "update-fault/virtualMachines/1"], latest["error"].Objects("details").Select(d => d.Str("target")));
        Assert.All(await cluster.InstancesAsync("update-fault"), i => Assert.False(i.LatestModelApplied()));
    }

    [Fact]
    public async Task Delete_ThenShow_IsNotFound()
    {
        await cluster.OkAsync("create", "-n", "delete-me", "--image", "web:1.0.0", "--instance-count", "2");
        var deleted = await cluster.OkAsync("delete", "-n", "delete-me");
        Assert.Equal("", deleted.Err);

        var shown = await cluster.RunAsync("show", "-n", "delete-me");
        Assert.Equal(2, shown.ExitCode);
        Assert.Equal("error: (NotFound) The Resource 'Microsoft.Compute/virtualMachineScaleSets/delete-me' under resource group 'vmss-sim' was not found.", shown.ErrorLine);
        Assert.Equal("", shown.Out);
    }

    [Fact]
    public async Task Scale_OutThenIn_ChangesTheInstances()
    {
        await cluster.OkAsync("create", "-n", "scale", "--image", "web:1.0.0", "--instance-count", "2");
        await cluster.OkAsync("scale", "-n", "scale", "--new-capacity", "5");
        Assert.Equal(["0", "1", "2", "3", "4"], (await cluster.InstancesAsync("scale")).Ids());
        Assert.Equal(5, Json.ParseObject(await cluster.OkAsync("show", "-n", "scale", "-o", "json"))["sku"].Whole("capacity"));

        await cluster.OkAsync("scale", "-n", "scale", "--new-capacity", "3");
        var instances = await cluster.InstancesAsync("scale");
        Assert.Equal(["0", "1", "2"], instances.Ids());
        Assert.All(instances, i => Assert.Equal("Succeeded", i["properties"].Str("provisioningState")));
        Assert.Equal(3, Json.ParseObject(await cluster.OkAsync("show", "-n", "scale", "-o", "json"))["sku"].Whole("capacity"));
    }

    [Fact]
    public async Task Show_UnknownScaleSet_IsNotFound()
    {
        var result = await cluster.RunAsync("show", "-n", "never-created", "-o", "json");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: (NotFound) The Resource 'Microsoft.Compute/virtualMachineScaleSets/never-created' under resource group 'vmss-sim' was not found.", result.ErrorLine);
    }

    [Fact]
    public async Task Simulate_OnAClusterWithAVirtualClock_RefusesBeforeCreatingAnything()
    {
        var directory = Directory.CreateTempSubdirectory("vmss-simulate-virtual-");
        try
        {
            var path = Path.Combine(directory.FullName, "scenario.json");
            await File.WriteAllTextAsync(path, """
                {
                  "images": [ { "name": "web", "versions": [ "1.0.0" ] } ],
                  "scaleSets": [ { "name": "simulate-virtual", "sku": { "capacity": 2 },
                    "properties": { "virtualMachineProfile": { "storageProfile": { "imageReference": { "id": "/x/galleries/g/images/web/versions/1.0.0" } } } } } ],
                  "actions": [ { "at": "PT1M", "action": "update", "scaleSet": "simulate-virtual", "patch": {} } ]
                }
                """);
            var result = await cluster.RunAsync("simulate", "--scenario", path, "-o", "json");
            Assert.Equal(2, result.ExitCode);
            Assert.Equal(
                $"error: --cluster: the cluster at {cluster.Gateways} runs a virtual clock, which a remote driver cannot move; run its silos with --Simulation:Clock=scaled:N or real, or leave out --cluster to simulate on an embedded silo",
                result.ErrorLine);
            Assert.Equal(2, (await cluster.RunAsync("show", "-n", "simulate-virtual")).ExitCode);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
