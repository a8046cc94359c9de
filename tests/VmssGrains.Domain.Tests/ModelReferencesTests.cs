using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.Tests;

/// <summary>What a scale set references outside itself, and Azure's answers when it does not exist.</summary>
public class ModelReferencesTests
{
    private const string Lb = "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/loadBalancers";

    private static System.Text.Json.Nodes.JsonObject Resource(string image) => ScaleSetModelReader.ParseObject($$"""
        {
          "sku": { "capacity": 2 },
          "properties": {
            "virtualMachineProfile": {
              "storageProfile": { "imageReference": {{image}} },
              "networkProfile": {
                "healthProbe": { "id": "{{Lb}}/web-lb/probes/http" },
                "networkInterfaceConfigurations": [ { "name": "nic", "properties": { "ipConfigurations": [
                  { "name": "a", "properties": { "loadBalancerBackendAddressPools": [ { "id": "{{Lb}}/web-lb/backendAddressPools/pool" } ] } },
                  { "name": "b", "properties": { "loadBalancerBackendAddressPools": [ { "id": "{{Lb}}/other-lb/backendAddressPools/pool" } ] } } ] } } ]
              }
            }
          }
        }
        """);

    [Fact]
    public void References_ListTheGalleryImageTheProbeAndEveryPool_WithTheirPaths()
    {
        var references = ScaleSetModelReader.References(Resource("""{ "sharedGalleryImageId": "/sharedGalleries/g/images/web/versions/1.0.0" }"""));

        Assert.Equal(
            [
                (ReferenceKind.GalleryImage, "properties.virtualMachineProfile.storageProfile.imageReference.sharedGalleryImageId"),
                (ReferenceKind.HealthProbe, "properties.virtualMachineProfile.networkProfile.healthProbe.id"),
                (ReferenceKind.BackendPool, "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].properties.ipConfigurations[0].properties.loadBalancerBackendAddressPools[0].id"),
                (ReferenceKind.BackendPool, "properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].properties.ipConfigurations[1].properties.loadBalancerBackendAddressPools[0].id"),
            ],
            references.Select(r => (r.Kind, r.Target)));
        Assert.Equal(("web", "1.0.0"), (references[0].Image!.Image, references[0].Image!.Version));
        Assert.Equal(["web-lb", "web-lb", "other-lb"], references.Skip(1).Select(r => r.LoadBalancer!.LoadBalancer));
    }

    [Theory]
    [InlineData("""{ "publisher": "Canonical", "offer": "ubuntu", "sku": "server", "version": "latest" }""")]
    [InlineData("""{ "id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/images/golden" }""")]
    public void References_LeavePlatformAndManagedImagesOut(string image) =>
        Assert.DoesNotContain(ScaleSetModelReader.References(Resource(image)), r => r.Kind == ReferenceKind.GalleryImage);

    [Fact]
    public void Image_UnknownOrWithoutThatVersion_IsGalleryImageNotFoundOrGalleryImageVersionNotFound()
    {
        var pinned = ImageReference.FromText("/g/galleries/g/images/web/versions/9.9")!;
        var latest = ImageReference.FromText("/g/galleries/g/images/ghost")!;

        Assert.Equal(
            new ValidationError("GalleryImageVersionNotFound", "t", "The gallery image version '/g/galleries/g/images/web/versions/9.9' was not found: image 'web' in the gallery has versions 1.0.0, 1.9.0, 1.10.0."),
            ReferenceRules.Image(pinned, "t", ["1.10.0", "1.0.0", "1.9.0"], "the gallery"));
        Assert.Equal("The gallery image version '/g/galleries/g/images/web/versions/9.9' was not found: the gallery has no image 'web'.", ReferenceRules.Image(pinned, null, null, "the gallery")!.Message);
        Assert.Equal(new ValidationError("GalleryImageNotFound", null, "The gallery image '/g/galleries/g/images/ghost' was not found: the gallery has no image 'ghost'."), ReferenceRules.Image(latest, null, null, "the gallery"));
        Assert.Null(ReferenceRules.Image(pinned, null, ["9.9"], "the gallery"));
        Assert.Null(ReferenceRules.Image(latest, null, [], "the gallery"));
        Assert.Null(ReferenceRules.Image(ImageReference.Platform("p", "o", "s", "1.0.0"), null, null, "the gallery"));
    }

    [Fact]
    public void LoadBalancer_UnknownOrWithoutTheProbe_IsInvalidResourceReference()
    {
        var references = ScaleSetModelReader.References(Resource("""{ "id": "/g/galleries/g/images/web" }"""));
        var probe = references.Single(r => r.Kind == ReferenceKind.HealthProbe);
        var pool = references.Last();

        Assert.Equal(
            new ValidationError("InvalidResourceReference", "$.scaleSets[0].properties.virtualMachineProfile.networkProfile.networkInterfaceConfigurations[0].properties.ipConfigurations[1].properties.loadBalancerBackendAddressPools[0].id", $"Resource '{Lb}/other-lb/backendAddressPools/pool' referenced by scale set 'web' was not found: there is no load balancer 'other-lb' (defined: web-lb). Make sure the referenced resource exists."),
            ReferenceRules.LoadBalancer(pool, "web", ["web-lb"], _ => "", "$.scaleSets[0]."));
        Assert.Equal($"Resource '{Lb}/web-lb/probes/http' referenced by scale set 'web' was not found: load balancer 'web-lb' has no probe. Make sure the referenced resource exists.", ReferenceRules.LoadBalancer(probe, "web", ["web-lb"], _ => null)!.Message);
        Assert.Equal($"Resource '{Lb}/web-lb/probes/http' referenced by scale set 'web' was not found: load balancer 'web-lb' has probe 'health', not 'http'. Make sure the referenced resource exists.", ReferenceRules.LoadBalancer(probe, "web", ["WEB-LB"], _ => "health")!.Message.Replace("WEB-LB", "web-lb", StringComparison.Ordinal));
        Assert.Null(ReferenceRules.LoadBalancer(probe, "web", ["web-lb"], _ => "HTTP"));
        Assert.Null(ReferenceRules.LoadBalancer(probe, "web", ["web-lb"], _ => ""));
    }

    [Fact]
    public void NamesInReferencesAndExtensions_FollowAzuresRules()
    {
        var resource = Resource("""{ "id": "/g/galleries/g/images/web app/versions/1.0.0" }""");
        ScaleSetModelReader.Read("web", resource, out var errors);
        Assert.Equal(
            ValidationError.InvalidParameter("properties.virtualMachineProfile.storageProfile.imageReference.id", "'web app' is not a valid gallery image name (character 4 is ' '): use 1–80 letters, digits, '-', '_' or '.', starting and ending with a letter or digit"),
            Assert.Single(errors));

        var extension = Resource("""{ "id": "/g/galleries/g/images/web" }""");
        extension["properties"]!["virtualMachineProfile"]!["extensionProfile"] = System.Text.Json.Nodes.JsonNode.Parse("""{ "extensions": [ { "name": "app\u001b", "properties": { "type": "CustomScript" } } ] }""");
        ScaleSetModelReader.Read("web", extension, out errors);
        Assert.Equal("properties.virtualMachineProfile.extensionProfile.extensions[0].name", Assert.Single(errors).Target);
    }
}
