using System.Text.Json.Nodes;
using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Simulation.Driving;
using VmssGrains.Simulation.Scenarios;

namespace VmssGrains.Grains.Tests;

/// <summary>A scenario refused while it is being set up on a shared cluster leaves nothing of itself behind.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ScenarioSetUpGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task RunAsync_SecondScaleSetExistsAlready_CreatesNothing()
    {
        await fixture.CreateAsync("setup-taken", Fleets.ScaleSet(1));
        var gallery = fixture.Grains.GetGrain<IImageGalleryGrain>(GrainKeys.Gallery);
        var images = (await gallery.ListAsync()).Length;
        var scenario = ScenarioReader.Read(Scenario("setup-new", "setup-taken").ToJsonString());

        var error = await Assert.ThrowsAsync<ScenarioException>(() => new ScenarioRunner(fixture.Grains, new VirtualScenarioClock(fixture.Clock, fixture.Host.Monitor)).RunAsync(scenario));

        Assert.Equal("$.scaleSets[1].name: scale set 'setup-taken' already exists on this cluster; delete it or rename it in the scenario", error.Message);
        Assert.False(await fixture.ScaleSet("setup-new").ExistsAsync());
        Assert.Equal(images, (await gallery.ListAsync()).Length);
        Assert.Equal(1000, (await fixture.Grains.GetGrain<ILoadBalancerGrain>("setup-lb").GetConfigAsync()).CapacityPerInstance);
    }

    [Fact]
    public async Task RunAsync_TheGalleryRefusesAVersion_NamesItsPathAndCreatesNothing()
    {
        // 'latest' cannot pass the scenario reader (Azure's version rule); the gallery refuses it too, and the runner
        // names the scenario's path and leaves nothing behind.
        var scenario = ScenarioReader.Read(Scenario("setup-latest").ToJsonString());
        var images = scenario.Images.SetItem(1, scenario.Images[1] with { Version = "latest" });

        var error = await Assert.ThrowsAsync<ScenarioException>(() => new ScenarioRunner(fixture.Grains, new VirtualScenarioClock(fixture.Clock, fixture.Host.Monitor)).RunAsync(scenario with { Images = images }));

        Assert.Equal("$.images[0].versions[1]: 'latest' is not a version of image 'setup-image': give a version such as 1.2.0 ('latest' is what scale sets follow, not a version)", error.Message);
        Assert.DoesNotContain(await fixture.Grains.GetGrain<IImageGalleryGrain>(GrainKeys.Gallery).ListAsync(), v => v.Image.Image == "setup-image");
        Assert.False(await fixture.ScaleSet("setup-latest").ExistsAsync());
    }

    [Fact]
    public void Read_LatestAsAnImageVersion_IsRefusedByAzuresVersionRule()
    {
        var error = Assert.Throws<ScenarioException>(() => ScenarioReader.Read(Scenario("setup-latest").ToJsonString().Replace("\"2.0.0\"", "\"latest\"", StringComparison.Ordinal)));

        Assert.Equal("$.images[0].versions[1]: 'latest' is not a valid gallery image version (character 1 is 'l'): use Major.Minor.Patch (or Major.Minor), whole numbers such as 1.2.0", error.Message);
    }

    /// <summary>An image of two versions, a load balancer serving 500 requests per second per instance, and one-instance scale sets.</summary>
    private static JsonObject Scenario(params string[] scaleSets) => new()
    {
        ["images"] = new JsonArray(new JsonObject { ["name"] = "setup-image", ["versions"] = new JsonArray("1.0.0", "2.0.0") }),
        ["loadBalancers"] = new JsonArray(new JsonObject { ["name"] = "setup-lb", ["probe"] = new JsonObject { ["port"] = 80 }, ["load"] = new JsonObject { ["requestsPerSecond"] = 100, ["capacityPerInstance"] = 500 } }),
        ["scaleSets"] = new JsonArray([.. scaleSets.Select(name =>
        {
            var resource = JsonNode.Parse(Fleets.ScaleSet(1, imageId: "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/setup-image/versions/1.0.0", loadBalancer: "setup-lb"))!.AsObject();
            resource["name"] = name;
            return (JsonNode)resource;
        })]),
    };
}
