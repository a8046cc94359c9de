namespace VmssGrains.Domain.Randomness;

/// <summary>
/// A small deterministic random stream (SplitMix64). It is a value: the state travels with whoever owns
/// it, so the same seed gives the same draws on every machine and in every activation order.
/// </summary>
[GenerateSerializer, Immutable, Alias("vmss.SeededRandom")]
public readonly record struct SeededRandom([property: Id(0)] ulong State)
{
    /// <summary>The stream of one simulated entity: a stable hash of the run seed and the entity's names.</summary>
    public static SeededRandom For(long seed, params ReadOnlySpan<string> names) => new(SeedHash.Of(seed, names));

    /// <summary>Draws a double in [0, 1) and returns the advanced stream.</summary>
    public SeededRandom NextDouble(out double value)
    {
        var next = unchecked(State + 0x9E3779B97F4A7C15UL);
        value = (SeedHash.Finalise(next) >> 11) * (1.0 / (1UL << 53));
        return new SeededRandom(next);
    }
}
