using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Grains.Hosting;

namespace VmssGrains.Grains.VmInstance;

/// <summary>
/// The instance while its state waits in its scale set (docs/machines.md#deferred-creation, docs/machines.md#parking):
/// created and not built yet, or parked after its operation. Its first call, whatever it is, takes the state back.
/// </summary>
public sealed partial class VmInstanceGrain
{
    /// <summary>The request for the instance's creation under way (<see cref="BuildAsync"/>), or null.</summary>
    private Task? building;

    /// <summary>
    /// Takes the instance's state from its scale set when it has none: created and not built yet, or parked. Its first
    /// call takes it (<c>IScaleSetGrain.TakeInstanceAsync</c>), in the instance's own turn, so an order and a read that
    /// race each other never both look for it; concurrent reads share one request. An instance its scale set does not
    /// know (deleted, or never created) stays without a state.
    /// </summary>
    private async ValueTask BuildAsync()
    {
        if (State is null)
        {
            await (building ??= TakeStateAsync());
        }
    }

    private async Task TakeStateAsync()
    {
        var (scaleSet, instanceId) = GrainKeys.ParseInstance(this.GetPrimaryKeyString());
        var waiting = await GrainFactory.Reference<IScaleSetGrain>(scaleSet).TakeInstanceAsync(instanceId);
        State ??= waiting;
        building = null;
        if (State is null && !durable)
        {
            // No such instance (a mistyped id, one deleted): the empty activation goes rather than stay active for good.
            DeactivateOnIdle();
        }
    }

    /// <summary>
    /// Parks the instance when it is idle (docs/machines.md#parking): on the memory store, with no operation under way
    /// and no wake-up pending, it hands its whole state to its scale set and deactivates; its next call takes it back.
    /// </summary>
    private async Task ParkIfIdleAsync()
    {
        if (durable || State is not { Active: null } state || !time.Idle || building is not null)
        {
            return;
        }

        await GrainFactory.Reference<IScaleSetGrain>(state.ScaleSet).ParkInstanceAsync(state);
        State = null;
        ahead.Clear();
        DeactivateOnIdle();
    }
}
