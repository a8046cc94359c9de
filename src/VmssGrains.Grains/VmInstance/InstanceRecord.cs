using VmssGrains.Domain.Instances;

namespace VmssGrains.Grains.VmInstance;

/// <summary>The persisted state of an instance grain: null until initialized and after deletion.</summary>
[GenerateSerializer, Alias("vmss.InstanceRecord")]
public sealed class InstanceRecord
{
    /// <summary>The instance, or null.</summary>
    [Id(0)] public InstanceState? State { get; set; }
}
