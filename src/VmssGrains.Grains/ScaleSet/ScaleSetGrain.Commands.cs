using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.ScaleSets;

namespace VmssGrains.Grains.ScaleSet;

/// <summary>Carries out the machine's commands, in order: instances, load balancers, the gallery, the clock, observers.</summary>
public sealed partial class ScaleSetGrain
{
    private async Task CarryOutAsync(IReadOnlyList<ScaleSetCommand> commands)
    {
        // Calls to many grains that the machine asked for one after the other go out together.
        var pending = new List<Task>();
        var orders = new Dictionary<OrderRequest, UpgradeOrder>(ReferenceEqualityComparer.Instance);
        var health = new Dictionary<int, HealthCheck>();
        foreach (var command in commands)
        {
            switch (command)
            {
                case CreateInstance create:
                    var model = ScaleSetQueries.ModelOf(S, create.Spec.ModelVersion);
                    pending.Add(Instance(create.Spec.InstanceId).InitializeAsync(UpgradeOrders.NewInstance(Name, create.Spec, model, S.Settings, time.Now)));
                    continue;
                case RemoveInstance remove:
                    pending.Add(Instance(remove.InstanceId).RemoveAsync());
                    continue;
                case SetInstanceProtection protect:
                    pending.Add(Instance(protect.InstanceId).SetProtectionAsync(protect.ProtectFromScaleIn, protect.ProtectFromScaleSetActions));
                    continue;
                case SetInstanceUnhealthy unhealthy:
                    pending.Add(Instance(unhealthy.InstanceId).SetUnhealthyAsync(unhealthy.Unhealthy));
                    continue;
                case SetTargetCapacity target:
                    pending.Add(GrainFactory.GetGrain<ILoadBalancerGrain>(target.LoadBalancer).SetTargetCapacityAsync(Name, target.Capacity));
                    continue;
            }

            await Task.WhenAll(pending);
            pending.Clear();
            switch (command)
            {
                case StartOrder start:
                    if (!orders.TryGetValue(start.Order, out var order))
                    {
                        order = orders[start.Order] = await OrderAsync(start.Order, health);
                    }

                    await Instance(start.InstanceId).StartAsync(order);
                    break;
                case WakeUp wake:
                    Schedule(wake);
                    break;
                case ClearWakeUps:
                    DropWakeUps();
                    break;
                case FollowImage follow:
                    await FollowAsync(follow);
                    break;
                case Register register:
                    await RegisterAsync(register.Exists);
                    break;
                default:
                    observer.ObserveFact(command);
                    break;
            }
        }

        await Task.WhenAll(pending);
    }

    private async Task<UpgradeOrder> OrderAsync(OrderRequest request, Dictionary<int, HealthCheck> health)
    {
        var model = ScaleSetQueries.ModelOf(S, request.ModelVersion);
        if (!health.TryGetValue(request.ModelVersion, out var check))
        {
            var probe = model.HealthProbe is { } reference ? await GrainFactory.GetGrain<ILoadBalancerGrain>(reference.LoadBalancer).GetConfigAsync() : null;
            check = health[request.ModelVersion] = UpgradeOrders.Health(model, probe?.IntervalInSeconds ?? 0, probe?.NumberOfProbes ?? 0, S.Settings.Timing);
        }

        return UpgradeOrders.From(request, model, check, S.Settings, request.InBatch ? observer.BatchSpanId : null);
    }

    private void Schedule(WakeUp wake)
    {
        if (wake.PlatformWork)
        {
            // Until it is due the wake-up is work the platform has scheduled: a scenario does not end before it.
            platformWakes.Scheduled(wake.Token);
        }

        if (wake.Delay is { } delay)
        {
            time.WakeAfter(delay, wake.Token);
        }
        else
        {
            time.WakeAtEndOfInstant(wake.Token);
        }
    }

    private void DropWakeUps()
    {
        platformWakes.DropAll();
        time.Clear();
    }

    private async Task FollowAsync(FollowImage follow)
    {
        var gallery = GrainFactory.GetGrain<IImageGalleryGrain>(GrainKeys.Gallery);
        if (follow.Previous is { } old)
        {
            await gallery.FollowAsync(old, Name, follow: false);
        }

        if (follow.Image is { } image)
        {
            await gallery.FollowAsync(image, Name, follow: true);
        }
    }

    private async Task RegisterAsync(bool exists)
    {
        var registry = GrainFactory.GetGrain<IScaleSetRegistryGrain>(GrainKeys.Registry);
        await (exists ? registry.AddAsync(Name) : registry.RemoveAsync(Name));
    }

    private IVmInstanceGrain Instance(string instanceId) => GrainFactory.GetGrain<IVmInstanceGrain>(GrainKeys.Instance(Name, instanceId));
}
