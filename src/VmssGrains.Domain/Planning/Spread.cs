namespace VmssGrains.Domain.Planning;

/// <summary>How a measure spread over the runs of a sweep: nearest-rank p50 and p90 (<see cref="NearestRank"/>), the lowest and the highest value.</summary>
/// <typeparam name="T">The measure's type.</typeparam>
public sealed record Spread<T>(T P50, T P90, T Min, T Max)
    where T : IComparable<T>;
