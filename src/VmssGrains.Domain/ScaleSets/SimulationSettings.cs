using VmssGrains.Domain.Faults;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Time;

namespace VmssGrains.Domain.ScaleSets;

/// <summary>
/// Simulation settings given when a scale set is created: the run seed, the timing profile, the faults. The scale set
/// keeps them as the first version of its <see cref="InstanceProfile"/> (<see cref="ToProfile"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("vmss.SimulationSettings")]
public sealed record SimulationSettings
{
    /// <summary>The seed every random stream derives from.</summary>
    [Id(0)] public long Seed { get; init; }

    /// <summary>Step durations.</summary>
    [Id(1)] public TimingProfile Timing { get; init; } = TimingProfile.Default;

    /// <summary>Injected faults.</summary>
    [Id(2)] public FaultRules Faults { get; init; } = FaultRules.None;

    /// <summary>The first version of the instance profile of generation <paramref name="generation"/> of <paramref name="scaleSet"/>.</summary>
    public InstanceProfile ToProfile(string scaleSet, int generation) =>
        new() { Key = new InstanceProfileKey(scaleSet, generation, 1), Seed = Seed, Timing = Timing, Faults = Faults };
}
