namespace VmssGrains.Domain.Planning;

/// <summary>
/// The percentile rule of <c>plan</c> and <c>compare</c> (docs/planning.md#statistics): the nearest-rank method. For
/// n values sorted ascending, the p-th percentile (1 ≤ p ≤ 100) is the value at rank ⌈p × n / 100⌉ (1-based), so it is
/// always one of the values, never an interpolation: p50 of [1, 2, 3, 4] is 2, p90 of ten values is the ninth, p100
/// is the maximum.
/// </summary>
public static class NearestRank
{
    /// <summary>The 1-based rank of the <paramref name="percent"/>-th percentile among <paramref name="count"/> values.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 1 or <paramref name="percent"/> outside 1–100.</exception>
    public static int Rank(int count, int percent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(percent, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        return (int)(((long)percent * count + 99) / 100);
    }

    /// <summary>The <paramref name="percent"/>-th percentile of <paramref name="values"/> (any order; not changed).</summary>
    /// <exception cref="ArgumentOutOfRangeException">No values, or <paramref name="percent"/> outside 1–100.</exception>
    public static T Of<T>(IEnumerable<T> values, int percent)
        where T : IComparable<T>
    {
        var sorted = values.Order().ToArray();
        return sorted[Rank(sorted.Length, percent) - 1];
    }
}
