using VmssGrains.Domain.ScaleSets;

namespace VmssGrains.Grains.ScaleSet;

/// <summary>What a scale set grain persists: the machine's state, written once per decision.</summary>
[GenerateSerializer, Alias("vmss.ScaleSetGrainState")]
public sealed class ScaleSetGrainState
{
    /// <summary>The scale-set machine's state, or null before the grain first decided anything.</summary>
    [Id(0)] public ScaleSetState? State { get; set; }

    /// <summary>The activity log's records, oldest first (durable stores only; null on memory).</summary>
    [Id(1)] public List<Abstractions.Views.AuditRecord>? ActivityLog { get; set; }

    /// <summary>The machine's wake-ups still to come: token → simulated due time (durable stores only; null on memory).</summary>
    [Id(2)] public Dictionary<long, DateTimeOffset>? Wakes { get; set; }
}
