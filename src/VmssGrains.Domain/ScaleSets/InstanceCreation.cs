using System.Collections.Immutable;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.ScaleSets;

/// <summary>
/// An instance created and not yet activated (docs/machines.md#deferred-creation): everything it needs to build the state
/// it was created in (<see cref="InstanceSpec.NewInstance"/>), whenever its first call comes.
/// </summary>
/// <param name="Spec">Its placement, image, model version, deployed or to be provisioned.</param>
/// <param name="Extensions">The model's extensions a deployed instance has already run.</param>
/// <param name="Profile">The scale set's instance profile it was created with.</param>
/// <param name="CreatedAt">When it was created (simulated): its <c>timeCreated</c>, whenever it is built.</param>
[GenerateSerializer, Immutable, Alias("vmss.InstanceCreation")]
public sealed record InstanceCreation(
    [property: Id(0)] InstanceSpec Spec,
    [property: Id(1)] ImmutableArray<ExtensionSpec> Extensions,
    [property: Id(2)] InstanceProfileKey Profile,
    [property: Id(3)] DateTimeOffset CreatedAt)
{
    /// <summary>The state the instance was created in, in scale set <paramref name="scaleSet"/>.</summary>
    public InstanceState NewInstance(string scaleSet) => Spec.NewInstance(scaleSet, Extensions, Profile, CreatedAt);

    /// <summary>
    /// Whether an instance created in <paramref name="created"/> with <paramref name="profile"/> can wait for its first
    /// call to be built: it does nothing of its own until called (creating it arms no wake-up: no random fault,
    /// <see cref="InstanceMachine.ArmRandomFault"/>), so the state it would be in at any later time before a call is the
    /// state it was created in. Its only outside effect, joining its load balancers' pools as
    /// <see cref="InstanceState.InPool"/> and <see cref="InstanceState.InService"/> say, is made for it by its scale set.
    /// </summary>
    public static bool CanWait(InstanceState created, InstanceProfile profile) =>
        InstanceMachine.ArmRandomFault(created, profile, created.TimeCreated).Commands.IsEmpty;
}
