using System.Collections.Immutable;

namespace VmssGrains.Domain.Rolling;

/// <summary>
/// One batch as <see cref="UpgradePlanner.Decide"/> chose it, with the facts the choice rests on: what the engines
/// upgrade (<see cref="InstanceIds"/>) and what the batch listing explains (docs/planning.md#batch-listing).
/// </summary>
/// <param name="InstanceIds">The batch, in upgrade order; empty when nothing is pending.</param>
/// <param name="Gated">False: an Automatic or manual run, one batch of everything with no health limits.</param>
/// <param name="FleetCount">N: every instance of the scale set, the base of the percentages.</param>
/// <param name="PolicySize">The policy's batch size for N: floor(maxBatchInstancePercent × N / 100), at least one.</param>
/// <param name="CandidateCount">Pending instances the batch could take: those of <see cref="Zone"/>, or all when cross-zone.</param>
/// <param name="CrossZone">True: candidates come from every zone (enableCrossZoneUpgrade).</param>
/// <param name="Zone">The zone the candidates come from when zones go one at a time; null when regional or cross-zone.</param>
/// <param name="UnhealthyFirst">The unhealthy instances put first by prioritizeUnhealthyInstances, in the batch's order.</param>
/// <param name="UnhealthyLimit">floor(maxUnhealthyInstancePercent × N / 100): unhealthy instances allowed, batch included.</param>
/// <param name="UnhealthyOutside">Unhealthy instances of the fleet outside the chosen batch.</param>
public sealed record BatchDecision(
    ImmutableArray<string> InstanceIds,
    bool Gated,
    int FleetCount,
    int PolicySize,
    int CandidateCount,
    bool CrossZone,
    string? Zone,
    ImmutableArray<string> UnhealthyFirst,
    int UnhealthyLimit,
    int UnhealthyOutside)
{
    /// <summary>The size before the unhealthy limit: the policy's size, or fewer when fewer candidates are left.</summary>
    public int SizeBeforeHealthLimit => Math.Min(PolicySize, CandidateCount);

    /// <summary>True when the batch was made smaller so that unhealthy instances plus the batch stay within the limit.</summary>
    public bool ShrunkForHealth => Gated && InstanceIds.Length < SizeBeforeHealthLimit;
}
