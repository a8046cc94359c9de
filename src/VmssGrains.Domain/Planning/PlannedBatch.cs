using System.Collections.Immutable;

namespace VmssGrains.Domain.Planning;

/// <summary>One batch of a <see cref="BatchPlanListing"/>.</summary>
/// <param name="Index">1-based, as the report numbers batches.</param>
/// <param name="Zone">The one zone of its instances, or null when regional or across zones.</param>
/// <param name="InstanceIds">Its instances, in upgrade order.</param>
/// <param name="Reasons">Why these instances and this many, in words with the numbers.</param>
public sealed record PlannedBatch(int Index, string? Zone, ImmutableArray<string> InstanceIds, ImmutableArray<string> Reasons);
