using System.Collections.Immutable;

namespace VmssGrains.Domain.Planning;

/// <summary>
/// The seeds of a sweep (docs/planning.md#seeds): K consecutive seeds from the scenario's own, <c>seed</c>,
/// <c>seed + 1</c>, …, <c>seed + K − 1</c> (wrapping past <see cref="long.MaxValue"/> to <see cref="long.MinValue"/>).
/// The first run of a sweep is therefore the run <c>simulate</c> plays.
/// </summary>
public static class SweepSeeds
{
    /// <summary>The most seeds a sweep takes (<c>--seeds</c> is 1–10,000).</summary>
    public const int Max = 10_000;

    /// <summary>The seeds a sweep takes when none are asked for.</summary>
    public const int Default = 100;

    /// <summary>The <paramref name="count"/> seeds from <paramref name="seed"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is outside 1–<see cref="Max"/>.</exception>
    public static ImmutableArray<long> From(long seed, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Max);
        var seeds = ImmutableArray.CreateBuilder<long>(count);
        for (var i = 0; i < count; i++)
        {
            seeds.Add(unchecked(seed + i));
        }

        return seeds.MoveToImmutable();
    }
}
