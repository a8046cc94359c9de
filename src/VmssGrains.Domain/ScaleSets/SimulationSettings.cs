using VmssGrains.Domain.Faults;
using VmssGrains.Domain.Time;

namespace VmssGrains.Domain.ScaleSets;

/// <summary>Simulation settings of a scale set: the run seed, the timing profile, the faults.</summary>
[GenerateSerializer, Immutable, Alias("vmss.SimulationSettings")]
public sealed record SimulationSettings
{
    /// <summary>The seed every random stream derives from.</summary>
    [Id(0)] public long Seed { get; init; }

    /// <summary>Step durations.</summary>
    [Id(1)] public TimingProfile Timing { get; init; } = TimingProfile.Default;

    /// <summary>Injected faults.</summary>
    [Id(2)] public FaultRules Faults { get; init; } = FaultRules.None;
}
