using System.Collections.Immutable;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.ScaleSets;

namespace VmssGrains.Abstractions.Views;

/// <summary>Everything a report needs from one scale set, read in one call.</summary>
[GenerateSerializer, Immutable, Alias("vmss.ScaleSetSnapshot")]
public sealed record ScaleSetSnapshot
{
    /// <summary>The scale set's name.</summary>
    [Id(0)] public required string Name { get; init; }

    /// <summary>The model version (1 at creation, +1 per change of <c>virtualMachineProfile</c>).</summary>
    [Id(1)] public int ModelVersion { get; init; }

    /// <summary>The current model.</summary>
    [Id(2)] public required ScaleSetModel Model { get; init; }

    /// <summary>Every run, oldest first.</summary>
    [Id(3)] public ImmutableArray<RunRecord> Runs { get; init; } = [];

    /// <summary>The fleet over time.</summary>
    [Id(4)] public ImmutableArray<TimelinePoint> Timeline { get; init; } = [];

    /// <summary>The instances as the scale set knows them.</summary>
    [Id(5)] public ImmutableArray<InstanceSummary> Instances { get; init; } = [];

    /// <summary>The index in <see cref="Runs"/> of the latest rolling run (<c>rollingUpgrades/latest</c>), or -1.</summary>
    [Id(6)] public int LatestRollingRun { get; init; } = -1;

    /// <summary>Operations, newest last.</summary>
    [Id(7)] public ImmutableArray<OperationStatus> Operations { get; init; } = [];

    /// <summary>Automatic repairs, oldest first.</summary>
    [Id(8)] public ImmutableArray<RepairRecord> Repairs { get; init; } = [];

    /// <summary>The snapshot of a scale set's state; <c>NotFound</c> when it does not exist.</summary>
    public static ScaleSetSnapshot Of(ScaleSetState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return new ScaleSetSnapshot
        {
            Name = state.Name,
            ModelVersion = state.ModelVersion,
            Model = ScaleSetQueries.Model(state),
            Runs = [.. state.Runs],
            Timeline = [.. state.Timeline],
            Instances = ScaleSetQueries.Instances(state),
            LatestRollingRun = state.LatestRollingRun,
            Operations = [.. state.Operations],
            Repairs = [.. state.RepairHistory],
        };
    }
}
