using VmssGrains.Domain.Instances;
using VmssGrains.Domain.ScaleSets;

namespace VmssGrains.Simulation.Reference;

/// <summary>Carries out the machine's commands, in order, as <c>ScaleSetGrain.Commands.cs</c> does.</summary>
internal sealed partial class ReferenceScaleSet
{
    private void CarryOut(IReadOnlyList<ScaleSetCommand> commands)
    {
        var orders = new Dictionary<OrderRequest, UpgradeOrder>(ReferenceEqualityComparer.Instance);
        var health = new Dictionary<int, HealthCheck>();
        foreach (var command in commands)
        {
            switch (command)
            {
                case CreateInstance create:
                    var model = ScaleSetQueries.ModelOf(S, create.Spec.ModelVersion);
                    grains.Instance(Name, create.Spec.InstanceId).Initialize(UpgradeOrders.NewInstance(Name, create.Spec, model, S.Settings, time.Now));
                    break;
                case RemoveInstance remove:
                    grains.Instance(Name, remove.InstanceId).Remove();
                    break;
                case SetInstanceProtection protect:
                    grains.Instance(Name, protect.InstanceId).SetProtection(protect.ProtectFromScaleIn, protect.ProtectFromScaleSetActions);
                    break;
                case SetInstanceUnhealthy unhealthy:
                    grains.Instance(Name, unhealthy.InstanceId).SetUnhealthy(unhealthy.Unhealthy);
                    break;
                case SetTargetCapacity target:
                    grains.LoadBalancer(target.LoadBalancer).SetTargetCapacity(Name, target.Capacity);
                    break;
                case StartOrder start:
                    if (!orders.TryGetValue(start.Order, out var order))
                    {
                        order = orders[start.Order] = Order(start.Order, health);
                    }

                    grains.Instance(Name, start.InstanceId).StartAsync(order);
                    break;
                case WakeUp wake:
                    if (wake.PlatformWork)
                    {
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

                    break;
                case ClearWakeUps:
                    platformWakes.DropAll();
                    time.Clear();
                    break;
                case FollowImage follow:
                    if (follow.Previous is { } old)
                    {
                        grains.Gallery.Follow(old, Name, follow: false);
                    }

                    if (follow.Image is { } image)
                    {
                        grains.Gallery.Follow(image, Name, follow: true);
                    }

                    break;
                case Register register:
                    grains.Registry.Set(Name, register.Exists);
                    break;
                case Audited audited:
                    Audit(audited);
                    break;
                case RunStarted or BatchEnded or BatchStarted or RunFinished:
                    if (command is RunStarted)
                    {
                        engine.Monitor.RunStarted();
                    }
                    else if (command is RunFinished)
                    {
                        engine.Monitor.RunEnded();
                    }

                    Audit(ActivityFacts.Of(command)!);
                    break;
                case RunDeleted:
                    engine.Monitor.RunEnded();
                    break;
            }
        }
    }

    private UpgradeOrder Order(OrderRequest request, Dictionary<int, HealthCheck> health)
    {
        var model = ScaleSetQueries.ModelOf(S, request.ModelVersion);
        if (!health.TryGetValue(request.ModelVersion, out var check))
        {
            var probe = model.HealthProbe is { } reference ? grains.LoadBalancer(reference.LoadBalancer).Config : null;
            check = health[request.ModelVersion] = UpgradeOrders.Health(model, probe?.IntervalInSeconds ?? 0, probe?.NumberOfProbes ?? 0, S.Settings.Timing);
        }

        return UpgradeOrders.From(request, model, check, S.Settings, traceParent: null);
    }
}
