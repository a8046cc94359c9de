using System.Collections.Immutable;
using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Abstractions.Views;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.ScaleSets;
using VmssGrains.Grains.Clock;
using VmssGrains.Grains.Hosting;
using VmssGrains.Grains.Telemetry;

namespace VmssGrains.Grains.ScaleSet;

/// <summary>
/// Carries out the machine's commands for one <see cref="ScaleSetGrain"/>, in order: instances, load balancers, the
/// gallery, the registry, the grain's simulated timers, observers. Orders come from the domain's
/// <see cref="UpgradeOrderBuilder"/>; this class only supplies how a load balancer's probe is read (its grain).
/// </summary>
/// <param name="grains">The grain factory of the scale set's activation (calls go out from its turn).</param>
/// <param name="name">The scale set's name.</param>
/// <param name="time">The scale set's simulated timers.</param>
/// <param name="platformWakes">Wake-ups that are platform work a scenario waits for.</param>
/// <param name="observer">Turns the machine's facts into metrics, spans and the activity log.</param>
/// <param name="waiting">Instances with no activation, created or parked (memory store), or null: every instance is created at once and none parks.</param>
internal sealed class ScaleSetCommandCarrier(IGrainFactory grains, string name, SimulatedTime time, PlatformWakes platformWakes, ScaleSetObserver observer, WaitingInstances? waiting)
{
    /// <summary>Carries out <paramref name="commands"/>, decided into <paramref name="state"/>.</summary>
    public async Task CarryOutAsync(ScaleSetState state, IReadOnlyList<ScaleSetCommand> commands)
    {
        // Calls to many grains that the machine asked for one after the other go out together.
        var pending = new List<Task>();
        var backends = new Dictionary<string, List<BackendUpdate>>(StringComparer.Ordinal);
        UpgradeOrderBuilder? orders = null;
        foreach (var command in commands)
        {
            switch (command)
            {
                case CreateInstance create:
                    var model = ScaleSetQueries.ModelOf(state, create.Spec.ModelVersion);
                    var creation = new InstanceCreation(create.Spec, create.Spec.ExtensionsFrom(model), state.Profile!.Key, time.Now);
                    if (!Wait(creation, state.Profile, backends))
                    {
                        pending.Add(Instance(create.Spec.InstanceId).InitializeAsync(create.Spec, creation.Extensions, creation.Profile));
                    }

                    continue;
                case RemoveInstance remove:
                    if (waiting?.Take(remove.InstanceId)?.LoadBalancers is { } pools)
                    {
                        // Never built, or parked with no operation under way: it only leaves its load balancers' pools.
                        Update(backends, pools, new BackendUpdate(GrainKeys.Instance(name, remove.InstanceId), Registered: false, InPool: false, Healthy: false));
                        continue;
                    }

                    pending.Add(Instance(remove.InstanceId).RemoveAsync());
                    continue;
                case SetInstanceProtection protect:
                    pending.Add(Instance(protect.InstanceId).SetProtectionAsync(protect.ProtectFromScaleIn, protect.ProtectFromScaleSetActions));
                    continue;
                case SetInstanceUnhealthy unhealthy:
                    pending.Add(Instance(unhealthy.InstanceId).SetUnhealthyAsync(unhealthy.Unhealthy));
                    continue;
                case SetTargetCapacity target:
                    pending.Add(grains.Reference<ILoadBalancerGrain>(target.LoadBalancer).SetTargetCapacityAsync(name, target.Capacity));
                    continue;
                case StartOrder start:
                    // Made only by a decision that gives orders (most are reports that give none).
                    orders ??= new UpgradeOrderBuilder(state, ReadProbeAsync, () => observer.BatchSpanId);
                    pending.Add(StartAsync(start, orders));
                    continue;
            }

            SendBackendUpdates(backends, pending);
            await Task.WhenAll(pending);
            pending.Clear();
            await CarryOutOneAsync(command, state);
        }

        SendBackendUpdates(backends, pending);
        await Task.WhenAll(pending);
    }

    /// <summary>
    /// Keeps the state <paramref name="creation"/> makes waiting for the instance's first call when it can wait
    /// (<see cref="InstanceCreation.CanWait"/>) and this scale set defers creations, and registers the instance with its
    /// load balancers as building it would have; false: the instance must be created now.
    /// </summary>
    private bool Wait(InstanceCreation creation, InstanceProfile profile, Dictionary<string, List<BackendUpdate>> backends)
    {
        if (waiting is null)
        {
            return false;
        }

        var created = creation.NewInstance(name);
        if (!InstanceCreation.CanWait(created, profile))
        {
            return false;
        }

        waiting.Keep(created);
        Update(backends, created.LoadBalancers, new BackendUpdate(GrainKeys.Instance(name, created.InstanceId), Registered: true, created.InPool, created.InService));
        return true;
    }

    private static void Update(Dictionary<string, List<BackendUpdate>> backends, ImmutableArray<string> loadBalancers, BackendUpdate update)
    {
        foreach (var lb in loadBalancers)
        {
            if (!backends.TryGetValue(lb, out var updates))
            {
                backends[lb] = updates = [];
            }

            updates.Add(update);
        }
    }

    /// <summary>One call per load balancer for the backend changes gathered since the last one.</summary>
    private void SendBackendUpdates(Dictionary<string, List<BackendUpdate>> backends, List<Task> pending)
    {
        foreach (var (lb, updates) in backends)
        {
            pending.Add(grains.Reference<ILoadBalancerGrain>(lb).UpdateBackendsAsync([.. updates]));
        }

        backends.Clear();
    }

    private async Task CarryOutOneAsync(ScaleSetCommand command, ScaleSetState state)
    {
        switch (command)
        {
            case WakeUp wake:
                Schedule(wake);
                break;
            case RestoreInstance restore:
                // Waited for: the order given again right after must find the instance created.
                var kept = ScaleSetQueries.ModelOf(state, restore.Spec.ModelVersion);
                await Instance(restore.Spec.InstanceId).InitializeAsync(restore.Spec, restore.Spec.ExtensionsFrom(kept), state.Profile!.Key);
                break;
            case ClearWakeUps:
                platformWakes.DropAll();
                time.Clear();
                break;
            case FollowImage follow:
                var gallery = grains.GetGrain<IImageGalleryGrain>(GrainKeys.Gallery);
                await (follow.Previous is { } old ? gallery.FollowAsync(old, name, follow: false) : Task.CompletedTask);
                await (follow.Image is { } image ? gallery.FollowAsync(image, name, follow: true) : Task.CompletedTask);
                break;
            case Register register:
                var registry = grains.GetGrain<IScaleSetRegistryGrain>(GrainKeys.Registry);
                await (register.Exists ? registry.AddAsync(name) : registry.RemoveAsync(name));
                break;
            default:
                observer.ObserveFact(command);
                break;
        }
    }

    private async Task StartAsync(StartOrder start, UpgradeOrderBuilder orders)
    {
        var order = await orders.OrderAsync(start.Order) with { Serial = start.Serial };
        await Instance(start.InstanceId).StartAsync(order);
    }

    private async ValueTask<(int IntervalInSeconds, int NumberOfProbes)> ReadProbeAsync(string loadBalancer)
    {
        var probe = await grains.Reference<ILoadBalancerGrain>(loadBalancer).GetConfigAsync();
        return (probe.IntervalInSeconds, probe.NumberOfProbes);
    }

    private void Schedule(WakeUp wake)
    {
        if (wake.PlatformWork)
        {
            // Until it is due the wake-up is work the platform has scheduled: a scenario does not end before it.
            platformWakes.Scheduled(wake.Token);
        }

        // No delay: at the end of this instant (a zero delay is exactly that).
        time.WakeAfter(wake.Delay ?? TimeSpan.Zero, wake.Token);
    }

    private IVmInstanceGrain Instance(string instanceId) => grains.Reference<IVmInstanceGrain>(GrainKeys.Instance(name, instanceId));
}
