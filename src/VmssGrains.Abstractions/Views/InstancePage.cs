using System.Collections.Immutable;
using VmssGrains.Domain.Fleet;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.ScaleSets;

namespace VmssGrains.Abstractions.Views;

/// <summary>
/// One page of a scale set's instances (<see cref="Domain.Fleet.InstancePaging"/>), with what printing them in Azure's
/// shape needs: the model (resource id, location) and its version (for <c>latestModelApplied</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("vmss.InstancePage")]
public sealed record InstancePage
{
    /// <summary>The scale set's model.</summary>
    [Id(0)] public required ScaleSetModel Model { get; init; }

    /// <summary>The latest model version.</summary>
    [Id(1)] public int ModelVersion { get; init; }

    /// <summary>The page's instances, in id order.</summary>
    [Id(2)] public ImmutableArray<InstanceSummary> Value { get; init; } = [];

    /// <summary>The skip token of the next page (the last instance id of this one), or null when this page is the last.</summary>
    [Id(3)] public string? SkipToken { get; init; }

    /// <summary>
    /// The page of <paramref name="state"/>'s instances that <paramref name="top"/> and <paramref name="skipToken"/> ask for
    /// (<see cref="InstancePaging.Page"/>), only those whose <c>latestModelApplied</c> is <paramref name="latestModelApplied"/>
    /// when it is given.
    /// </summary>
    /// <exception cref="Domain.AzureException"><c>NotFound</c> for a scale set that does not exist; <c>InvalidParameter</c> for a bad page size or skip token.</exception>
    /// <param name="state">The scale set's state.</param>
    /// <param name="index">The reader's index of the instances, brought up to date with <paramref name="state"/> (<see cref="InstanceIndex.Of"/>).</param>
    /// <param name="top">Instances per page.</param>
    /// <param name="skipToken">The previous page's skip token, or null.</param>
    /// <param name="latestModelApplied">Only instances whose <c>latestModelApplied</c> is this, when given.</param>
    public static InstancePage Of(ScaleSetState state, InstanceIndex index, int top, string? skipToken, bool? latestModelApplied)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(index);
        var model = ScaleSetQueries.Model(state);
        var (value, next) = index.Page(top, skipToken, latestModelApplied is { } wanted ? i => (i.ModelVersion == state.ModelVersion) == wanted : null);
        return new InstancePage { Model = model, ModelVersion = state.ModelVersion, Value = value, SkipToken = next };
    }
}
