using VmssGrains.Domain.Azure;

namespace VmssGrains.Domain.Tests;

/// <summary>The properties the generic update knows, from the embedded 2025-04-01 extracts and the supplement.</summary>
public class ResourceSchemaTests
{
    private static SchemaNode At(params string[] names)
    {
        var node = ResourceSchema.ScaleSet;
        foreach (var name in names)
        {
            node = name == "[]" ? node.Items : node.Member(name)?.Node ?? throw new KeyNotFoundException($"{name} is not a member of {node}");
        }

        return node;
    }

    [Fact]
    public void ScaleSet_HasArmsResourceMembersItsOwnAndTheFlattenedPropertiesWrapper()
    {
        var scaleSet = ResourceSchema.ScaleSet;

        Assert.Equal(["id", "name", "type", "location", "tags", "sku", "properties", "zones", "etag", "simulation"], scaleSet.Members.Select(m => m.Name));
        Assert.Equal(["id", "type", "etag"], scaleSet.Members.Where(m => m.ReadOnly).Select(m => m.Name));
        Assert.True(scaleSet.Member("properties")!.Flattened);
        Assert.Equal("VirtualMachineScaleSetProperties", scaleSet.Member("Properties")!.Node.Definition);
        Assert.False(scaleSet.IsComplete);
    }

    [Fact]
    public void UpgradePolicy_IsCompleteWithItsThreeMembersInTheSchemasOrder()
    {
        var policy = At("properties", "upgradePolicy");

        Assert.Equal(SchemaKind.Object, policy.Kind);
        Assert.True(policy.IsComplete);
        Assert.Equal(["mode", "rollingUpgradePolicy", "automaticOSUpgradePolicy"], policy.Members.Select(m => m.Name));
        Assert.Equal("boolean", At("properties", "upgradePolicy", "rollingUpgradePolicy", "maxSurge").ScalarType);
    }

    [Fact]
    public void Extension_FlattensItsPropertiesAndItsOwnTypeIsReadOnly()
    {
        var extension = At("properties", "virtualMachineProfile", "extensionProfile", "extensions", "[]");

        Assert.Equal("VirtualMachineScaleSetExtension", extension.Definition);
        Assert.Equal(["name", "type", "properties", "simulation"], extension.Members.Select(m => m.Name));
        Assert.True(extension.Member("type")!.ReadOnly);
        Assert.True(extension.Member("properties")!.Flattened);
        Assert.Equal("string", At("properties", "virtualMachineProfile", "extensionProfile", "extensions", "[]", "properties", "type").ScalarType);
    }

    [Theory]
    [InlineData(SchemaKind.Map, "tags")]
    [InlineData(SchemaKind.Map, "simulation")]
    [InlineData(SchemaKind.Map, "properties", "virtualMachineProfile", "extensionProfile", "extensions", "[]", "properties", "settings")]
    [InlineData(SchemaKind.Map, "properties", "virtualMachineProfile", "extensionProfile", "extensions", "[]", "properties", "protectedSettings")]
    [InlineData(SchemaKind.Map, "properties", "virtualMachineProfile", "extensionProfile", "extensions", "[]", "simulation")]
    [InlineData(SchemaKind.Array, "zones")]
    [InlineData(SchemaKind.Scalar, "properties", "orchestrationMode")]
    [InlineData(SchemaKind.Unknown, "properties", "virtualMachineProfile", "osProfile")]
    [InlineData(SchemaKind.Unknown, "properties", "resiliencyPolicy")]
    [InlineData(SchemaKind.Unknown, "properties", "virtualMachineProfile", "networkProfile", "networkInterfaceConfigurations", "[]")]
    [InlineData(SchemaKind.Object, "properties", "virtualMachineProfile", "storageProfile", "osDisk")]
    [InlineData(SchemaKind.Object, "properties", "virtualMachineProfile", "networkProfile", "healthProbe")]
    [InlineData(SchemaKind.Object, "properties", "virtualMachineProfile", "scheduledEventsProfile", "osImageNotificationProfile")]
    public void Positions_HaveTheKindTheSchemaGivesThem(SchemaKind kind, params string[] path)
    {
        Assert.Equal(kind, At(path).Kind);
    }

    [Fact]
    public void Supplement_StandsInForTheImageReferenceAndAddsWhatTrimmedDefinitionsLeaveOut()
    {
        Assert.Equal(["imageReference", "osDisk", "dataDisks"], At("properties", "virtualMachineProfile", "storageProfile").Members.Select(m => m.Name));
        Assert.Equal(
            ["id", "publisher", "offer", "sku", "version", "exactVersion", "sharedGalleryImageId", "communityGalleryImageId"],
            At("properties", "virtualMachineProfile", "storageProfile", "imageReference").Members.Select(m => m.Name));
        Assert.Equal(["healthProbe", "networkInterfaceConfigurations", "networkApiVersion"], At("properties", "virtualMachineProfile", "networkProfile").Members.Select(m => m.Name));
        Assert.Equal(["provisioningState", "uniqueId", "timeCreated"], At("properties").Members.Where(m => m.ReadOnly).Select(m => m.Name));
        Assert.False(At("properties").IsComplete);
    }

    [Fact]
    public void Maps_TagValuesAreStringsAndSettingsTakeAnything()
    {
        Assert.Equal("string", At("tags").Values.ScalarType);
        Assert.Equal(SchemaKind.Any, At("properties", "virtualMachineProfile", "extensionProfile", "extensions", "[]", "properties", "settings").Values.Kind);
        Assert.Equal(SchemaKind.Any, At("simulation").Values.Kind);
    }

    [Fact]
    public void Definition_NotExtracted_IsUnknown()
    {
        Assert.Equal(SchemaKind.Unknown, ResourceSchema.Definition("VirtualMachineScaleSetOSProfile").Kind);
        Assert.Equal(SchemaKind.Object, ResourceSchema.Definition("RollingUpgradePolicy").Kind);
    }
}
