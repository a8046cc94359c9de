using VmssGrains.Domain.ScaleSets;

namespace VmssGrains.Grains.ScaleSet;

/// <summary>What a scale set grain persists: the machine's state, written once per decision.</summary>
[GenerateSerializer, Alias("vmss.ScaleSetGrainState")]
public sealed class ScaleSetGrainState
{
    /// <summary>The scale-set machine's state, or null before the grain first decided anything.</summary>
    [Id(0)] public ScaleSetState? State { get; set; }
}
