using System.Collections.Immutable;

namespace VmssGrains.Domain.Planning;

/// <summary>
/// Which instances of a scale set an upgrade run takes in which batch, in what zone order, and why
/// (docs/planning.md#batch-listing): the plan as of the moment the run starts, every instance staying as it is then.
/// Made by <see cref="BatchPlanLister"/> from the decisions the engines take.
/// </summary>
public sealed record BatchPlanListing
{
    /// <summary>The scale set's name.</summary>
    public required string ScaleSet { get; init; }

    /// <summary>What kind of run: RollingUpgrade, OSUpgrade, ExtensionUpgrade, Automatic, ManualUpgrade, Reimage, ReimageAll.</summary>
    public required string RunKind { get; init; }

    /// <summary>The policy's batch size for the scale set's N instances (every instance of the run at once when not batched).</summary>
    public int BatchSize { get; init; }

    /// <summary>How <see cref="BatchSize"/> was reached, in words with the numbers.</summary>
    public required string BatchSizeRule { get; init; }

    /// <summary>The zones in the order the batches reach them; empty for a regional scale set.</summary>
    public ImmutableArray<string> ZoneOrder { get; init; } = [];

    /// <summary>The batches, in order.</summary>
    public ImmutableArray<PlannedBatch> Batches { get; init; } = [];

    /// <summary>Instances of the scale set the run leaves alone, in id order, each with why.</summary>
    public ImmutableArray<SkippedInstance> Skipped { get; init; } = [];

    /// <summary>What the listing assumes, and anything that stops the run before a batch.</summary>
    public ImmutableArray<string> Notes { get; init; } = [];
}
