using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.ResourceManager.Compute;
using Azure.ResourceManager.Compute.Models;

namespace VmssGrains.Client.Tests;

/// <summary>
/// Reads our Azure-shaped JSON the way a real client does: with the official Azure SDK's own deserializers
/// (Azure.ResourceManager.Compute's generated <c>Deserialize{Type}(JsonElement)</c>; the 1.2.0 package served here
/// predates <c>ModelReaderWriter</c> support, so the same generated code is called directly).
/// </summary>
public static class AzureSdk
{
    /// <summary>A <c>rollingUpgrades/latest</c> body.</summary>
    public static VirtualMachineScaleSetRollingUpgradeData RollingUpgrade(JsonNode? json) => Read<VirtualMachineScaleSetRollingUpgradeData>(json);

    /// <summary>One OS upgrade history entry.</summary>
    public static UpgradeOperationHistoricalStatusInfo HistoryEntry(JsonNode? json) => Read<UpgradeOperationHistoricalStatusInfo>(json);

    /// <summary>A scale set VM's instance view.</summary>
    public static VirtualMachineScaleSetVmInstanceView InstanceView(JsonNode? json) => Read<VirtualMachineScaleSetVmInstanceView>(json);

    /// <summary>Deserializes with the SDK's generated method for <typeparamref name="T"/>; its exceptions propagate as they are.</summary>
    public static T Read<T>(JsonNode? json)
    {
        var method = typeof(T).GetMethod($"Deserialize{typeof(T).Name}", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic, [typeof(JsonElement)])
            ?? throw new InvalidOperationException($"the Azure SDK has no deserializer for {typeof(T).Name}");
        using var document = JsonDocument.Parse(json?.ToJsonString() ?? throw new ArgumentNullException(nameof(json)));
        try
        {
            return (T)method.Invoke(null, [document.RootElement])!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }
}
