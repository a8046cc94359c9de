using System.Collections.Immutable;

namespace VmssGrains.Domain.Planning;

/// <summary>
/// What one run of a sweep (one seed) measured (docs/planning.md#per-run).
/// </summary>
/// <param name="Seed">The run's seed.</param>
/// <param name="DurationSeconds">
/// Simulated seconds of upgrade work: from the start of the earliest run (a rolling upgrade, an Automatic update,
/// update-instances, a reimage) of any scale set to the end of the latest; a run still under way at the horizon ends
/// there. 0 when nothing ran.
/// </param>
/// <param name="MinInService">The lowest in-service count that lasted any simulated time (the report's <c>load.minInService</c>).</param>
/// <param name="MinInServicePercent">The lowest in-service percentage of the target capacity (the report's <c>load.minInServicePercent</c>; 100 without a load balancer).</param>
/// <param name="RequestsDropped">Requests dropped over the whole scenario (the report's <c>load.requestsDropped</c>).</param>
/// <param name="HaltBatch">
/// Null when no rolling run halted; else the first halted run's (Faulted or Cancelled, earliest start) last batch
/// started, by the report's 1-based batch index, or 0 when it halted before its first batch.
/// </param>
/// <param name="ErrorCode">The error code of the first run (earliest start) that did not complete (Faulted, Cancelled or Failed), or null.</param>
public sealed record RunMeasures(long Seed, long DurationSeconds, int MinInService, double MinInServicePercent, long RequestsDropped, int? HaltBatch, string? ErrorCode)
{
    /// <summary>
    /// Where the time went: the parts of the report's <c>runs[].timeBreakdown</c> (docs/report.md#time-breakdown) of the
    /// run that ended last (the one that sets <see cref="DurationSeconds"/>; the earliest started on a tie), in simulated
    /// seconds, in its order; empty when it has none (still under way at the horizon). Runs of a fleet go in parallel,
    /// so their parts are never summed.
    /// </summary>
    public ImmutableArray<(string Part, double Seconds)> TimeParts { get; init; } = [];

    /// <summary>True when a rolling run halted (Faulted or Cancelled).</summary>
    public bool Halted => HaltBatch is not null;
}
