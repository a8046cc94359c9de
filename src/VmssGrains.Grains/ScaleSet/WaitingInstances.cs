using VmssGrains.Domain.Instances;
using VmssGrains.Domain.ScaleSets;

namespace VmssGrains.Grains.ScaleSet;

/// <summary>
/// The instances of a scale set that have no activation, by id, with the state each will act from (docs/machines.md):
/// those created and not yet built (the state they were created in, <see cref="InstanceCreation.CanWait"/>,
/// docs/machines.md#deferred-creation), and those parked after their operation (docs/machines.md#parking). An instance's
/// first call, whatever it is, makes it take its state (<c>IScaleSetGrain.TakeInstanceAsync</c>). Kept by the scale
/// set's activation, so only on the memory store: a durable scale set creates every instance at once and never parks
/// one, as it must be able to rebuild any of them after its silo dies.
/// </summary>
internal sealed class WaitingInstances
{
    private readonly Dictionary<string, InstanceState> states = new(StringComparer.Ordinal);

    /// <summary>Keeps <paramref name="state"/> (as created, or as parked) until the instance's next call or its deletion.</summary>
    public void Keep(InstanceState state) => states[state.InstanceId] = state;

    /// <summary>The state waiting for <paramref name="instanceId"/>, handed over once; null when none waits.</summary>
    public InstanceState? Take(string instanceId) => states.Remove(instanceId, out var state) ? state : null;
}
