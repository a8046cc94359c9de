using VmssGrains.Domain.ScaleSets;

namespace VmssGrains.Grains.ScaleSet;

/// <summary>
/// The instances a scale set has created and not yet built (docs/machines.md#deferred-creation): an instance whose
/// creation arms nothing (<see cref="InstanceCreation.CanWait"/>) gets no grain call until something happens to it. Its
/// creation waits here; its first order carries it (<c>IVmInstanceGrain.StartAsync(InstanceCreation, UpgradeOrder)</c>),
/// or its first other call makes it take it (<c>IScaleSetGrain.TakeInstanceCreationAsync</c>). Kept by the scale set's
/// activation, so only on the memory store: a durable scale set creates every instance at once, as it must be able to
/// rebuild any of them after its silo dies.
/// </summary>
internal sealed class WaitingInstances
{
    private readonly Dictionary<string, InstanceCreation> creations = new(StringComparer.Ordinal);

    /// <summary>Instances created and not yet built.</summary>
    public int Count => creations.Count;

    /// <summary>Keeps <paramref name="creation"/> until the instance is built or deleted.</summary>
    public void Add(InstanceCreation creation) => creations[creation.Spec.InstanceId] = creation;

    /// <summary>The creation of <paramref name="instanceId"/> if it is still waiting, handed over once; null otherwise.</summary>
    public InstanceCreation? Take(string instanceId) => creations.Remove(instanceId, out var creation) ? creation : null;
}
