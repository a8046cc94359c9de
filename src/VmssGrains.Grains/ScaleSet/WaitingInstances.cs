using VmssGrains.Domain.Instances;
using VmssGrains.Domain.ScaleSets;

namespace VmssGrains.Grains.ScaleSet;

/// <summary>
/// The instances of a scale set that have no activation and whose state waits here (docs/machines.md): those created and
/// not yet built (<see cref="InstanceCreation.CanWait"/>, docs/machines.md#deferred-creation), and those parked after
/// their operation (docs/machines.md#parking). An instance's first order carries what waits for it
/// (<c>IVmInstanceGrain.StartAsync</c> with a creation or a parked state); its first other call makes it take it
/// (<c>IScaleSetGrain.TakeInstanceAsync</c>). Kept by the scale set's activation, so only on the memory store: a durable
/// scale set creates every instance at once and never parks one, as it must be able to rebuild any of them after its
/// silo dies.
/// </summary>
internal sealed class WaitingInstances
{
    private readonly Dictionary<string, InstanceCreation> creations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InstanceState> parked = new(StringComparer.Ordinal);

    /// <summary>Keeps <paramref name="creation"/> until the instance is built or deleted.</summary>
    public void Add(InstanceCreation creation) => creations[creation.Spec.InstanceId] = creation;

    /// <summary>Keeps a parked instance's <paramref name="state"/> until its next call or its deletion.</summary>
    public void Park(InstanceState state) => parked[state.InstanceId] = state;

    /// <summary>The creation of <paramref name="instanceId"/> if it is still waiting, handed over once; null otherwise.</summary>
    public InstanceCreation? Take(string instanceId) => creations.Remove(instanceId, out var creation) ? creation : null;

    /// <summary>The parked state of <paramref name="instanceId"/>, handed over once; null otherwise.</summary>
    public InstanceState? TakeParked(string instanceId) => parked.Remove(instanceId, out var state) ? state : null;

    /// <summary>
    /// Whatever waits for <paramref name="instanceId"/> of scale set <paramref name="scaleSet"/> as a state (a creation is
    /// built: <see cref="InstanceCreation.NewInstance"/>), handed over once; null when nothing does.
    /// </summary>
    public InstanceState? TakeState(string instanceId, string scaleSet) =>
        TakeParked(instanceId) ?? Take(instanceId)?.NewInstance(scaleSet);
}
