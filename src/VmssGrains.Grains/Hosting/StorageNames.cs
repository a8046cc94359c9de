namespace VmssGrains.Grains;

/// <summary>Names of the storage providers the grains use.</summary>
public static class StorageNames
{
    /// <summary>Grain state of scale sets, instances and load balancers.</summary>
    public const string Grains = "vmss";
}
