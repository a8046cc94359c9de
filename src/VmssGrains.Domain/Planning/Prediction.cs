using System.Collections.Immutable;

namespace VmssGrains.Domain.Planning;

/// <summary>
/// What a sweep predicts (docs/planning.md#statistics): the spread of each measure over the runs, the share of runs
/// in which a rolling run halted and the batch it halted at, and the error codes met.
/// </summary>
public sealed record Prediction
{
    /// <summary>The runs, in seed order.</summary>
    public required ImmutableArray<RunMeasures> Runs { get; init; }

    /// <summary>Simulated seconds of upgrade work (<see cref="RunMeasures.DurationSeconds"/>).</summary>
    public required Spread<long> DurationSeconds { get; init; }

    /// <summary>The lowest in-service percentage of the target, per run.</summary>
    public required Spread<double> MinInServicePercent { get; init; }

    /// <summary>The lowest in-service count, per run.</summary>
    public required Spread<int> MinInService { get; init; }

    /// <summary>Requests dropped, per run.</summary>
    public required Spread<long> RequestsDropped { get; init; }

    /// <summary>Runs in which a rolling run halted, divided by the runs (0–1).</summary>
    public required double HaltRate { get; init; }

    /// <summary>Halted runs by the batch they halted at (<see cref="RunMeasures.HaltBatch"/>), ascending by batch.</summary>
    public required ImmutableArray<(int Batch, int Count)> Halts { get; init; }

    /// <summary>Runs by the error code of their first run that did not complete, by count descending then code.</summary>
    public required ImmutableArray<(string Code, int Count)> Errors { get; init; }

    /// <summary>
    /// Where the time went over the seeds: per part of the runs' time breakdowns (in the order parts first appear), the
    /// nearest-rank p50 and the largest of its simulated seconds, a run without the part counting 0. The parts' p50s
    /// need not add up to the duration's p50: each is a median of its own.
    /// </summary>
    public ImmutableArray<(string Part, double P50, double Max)> TimeParts { get; init; } = [];

    /// <summary>Aggregates <paramref name="runs"/> (at least one).</summary>
    public static Prediction Of(IReadOnlyList<RunMeasures> runs)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs.Count, 1);
        var halted = runs.Where(r => r.Halted).ToList();
        return new Prediction
        {
            Runs = [.. runs],
            DurationSeconds = Spread([.. runs.Select(r => r.DurationSeconds)]),
            MinInServicePercent = Spread([.. runs.Select(r => r.MinInServicePercent)]),
            MinInService = Spread([.. runs.Select(r => r.MinInService)]),
            RequestsDropped = Spread([.. runs.Select(r => r.RequestsDropped)]),
            HaltRate = (double)halted.Count / runs.Count,
            Halts = [.. halted.GroupBy(r => r.HaltBatch!.Value).OrderBy(g => g.Key).Select(g => (g.Key, g.Count()))],
            Errors = [.. runs.Where(r => r.ErrorCode is not null).GroupBy(r => r.ErrorCode!, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count()))],
            TimeParts = [.. runs.SelectMany(r => r.TimeParts.Select(p => p.Part)).Distinct(StringComparer.Ordinal).Select(part =>
            {
                var seconds = runs.Select(r => r.TimeParts.Where(p => p.Part == part).Sum(p => p.Seconds)).ToList();
                return (part, NearestRank.Of(seconds, 50), seconds.Max());
            })],
        };
    }

    /// <summary>The spread of <paramref name="values"/> (at least one): nearest-rank p50 and p90, the lowest, the highest.</summary>
    private static Spread<T> Spread<T>(IReadOnlyCollection<T> values)
        where T : IComparable<T> =>
        new(NearestRank.Of(values, 50), NearestRank.Of(values, 90), values.Min()!, values.Max()!);
}
