using System.Collections.Immutable;
using System.Text.Json.Nodes;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;

namespace VmssGrains.Domain.ScaleSets;

/// <summary>What a scale set answers about itself, read from its state; nothing changes.</summary>
public static class ScaleSetQueries
{
    /// <summary>
    /// The report is a duplicate, ignored (not logged, not counted): of an order the scale set has since given again
    /// (<see cref="InstanceReport.OrderSerial"/> older than the instance's <see cref="InstanceSummary.OrderSerial"/>), or
    /// of one already reported (no order of the instance is in flight: an instance sends its report again when asked).
    /// </summary>
    public static bool IsStale(ScaleSetState state, InstanceReport report)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(report);
        return state.Instances.TryGetValue(report.Outcome.InstanceId, out var known)
            && (report.OrderSerial < known.OrderSerial || !state.InFlight.ContainsKey(known.InstanceId));
    }

    /// <summary>The model; <c>NotFound</c> (Azure's message) before creation or after deletion.</summary>
    public static ScaleSetModel Model(ScaleSetState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Model ?? throw NotFound(state.Name);
    }

    /// <summary>
    /// The model of <paramref name="version"/> (an instance's, or a run's target); the current model when that version is
    /// no longer kept. <c>NotFound</c> when the scale set does not exist.
    /// </summary>
    public static ScaleSetModel ModelOf(ScaleSetState state, int version)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Models.GetValueOrDefault(version) ?? Model(state);
    }

    /// <summary>
    /// The version of the instance profile <paramref name="key"/> names: the current one or an older one of this
    /// generation (<see cref="ScaleSetState.Profiles"/>). <c>NotFound</c> for a key of another scale set or generation.
    /// </summary>
    public static InstanceProfile Profile(ScaleSetState state, InstanceProfileKey key)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(key);
        return state.Profiles.FirstOrDefault(p => p.Key == key)
            ?? throw AzureException.NotFound($"scale set '{state.Name}' has no instance profile {key}");
    }

    /// <summary>Azure's NotFound for a scale set that does not exist.</summary>
    public static AzureException NotFound(string name) =>
        AzureException.NotFound($"The Resource 'Microsoft.Compute/virtualMachineScaleSets/{name}' under resource group '{ResourceDocument.ResourceGroup}' was not found.");

    /// <summary>A long-running operation by name; <c>NotFound</c> when the scale set has none of that name.</summary>
    public static OperationStatus Operation(ScaleSetState state, string name)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Operations.FirstOrDefault(o => o.Name == name) ?? throw AzureException.NotFound($"operation '{name}' was not found on scale set '{state.Name}'");
    }

    /// <summary>The resource as GET returns it (its provisioning state, uniqueId, capacity as the instances stand).</summary>
    public static JsonObject Render(ScaleSetState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var resource = ScaleSetModelReader.ParseObject(state.Resource ?? throw NotFound(state.Name));
        var busy = state.Run is not null || !state.ScaleWaits.IsEmpty;
        return ResourceDocument.Render(resource, state.Name, state.Instances.Count, ScaleSetProvisioning.State(busy, state.Operations, state.Runs), ScaleSetIds.UniqueId(state), state.TimeCreated);
    }

    /// <summary>The instances, by id in Azure's order.</summary>
    public static ImmutableArray<InstanceSummary> Instances(ScaleSetState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return [.. state.Instances.Values.OrderBy(i => i.InstanceId, InstanceOrder.Instance)];
    }

    /// <summary>True when nothing is under way: no run, no scale operation, no instance busy or settling.</summary>
    public static bool IsSettled(ScaleSetState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Run is null && state.ScaleWaits.IsEmpty && !state.Instances.Values.Any(i => i.Busy || i.Settling);
    }
}
