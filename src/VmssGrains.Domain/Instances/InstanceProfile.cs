using VmssGrains.Domain.Faults;
using VmssGrains.Domain.Time;

namespace VmssGrains.Domain.Instances;

/// <summary>
/// What every instance of a scale set shares and its orders refer to by <see cref="Key"/> instead of carrying a copy:
/// the seed its random streams derive from, the step durations and the injected faults. Immutable: a change of the
/// faults makes a new version (<see cref="WithFaults"/>) and orders already given keep naming the one they were given.
/// </summary>
[GenerateSerializer, Immutable, Alias("vmss.InstanceProfile")]
public sealed record InstanceProfile
{
    /// <summary>Which scale set, generation and version this is.</summary>
    [Id(0)] public required InstanceProfileKey Key { get; init; }

    /// <summary>The seed every random stream of the scale set's instances derives from.</summary>
    [Id(1)] public long Seed { get; init; }

    /// <summary>Step durations (simulated time).</summary>
    [Id(2)] public TimingProfile Timing { get; init; } = TimingProfile.Default;

    /// <summary>Injected faults.</summary>
    [Id(3)] public FaultRules Faults { get; init; } = FaultRules.None;

    /// <summary>The next version: the same seed and timing, with <paramref name="added"/> added to the faults (<see cref="FaultRules.Add"/>).</summary>
    public InstanceProfile WithFaults(FaultRules added)
    {
        ArgumentNullException.ThrowIfNull(added);
        return this with { Key = Key with { Version = Key.Version + 1 }, Faults = Faults.Add(added) };
    }
}
