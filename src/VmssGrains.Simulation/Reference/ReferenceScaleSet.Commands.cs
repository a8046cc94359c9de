using VmssGrains.Domain.Instances;
using VmssGrains.Domain.ScaleSets;

namespace VmssGrains.Simulation.Reference;

/// <summary>Carries out the machine's commands, in order, as the grain's <c>ScaleSetCommandCarrier</c> does.</summary>
internal sealed partial class ReferenceScaleSet
{
    private void CarryOut(IReadOnlyList<ScaleSetCommand> commands)
    {
        // The load balancers' probes are read directly: every order is made at once. Made for the first order only
        // (most decisions, an instance's report, give none).
        UpgradeOrderBuilder? orders = null;
        foreach (var command in commands)
        {
            switch (command)
            {
                case CreateInstance create:
                    var model = ScaleSetQueries.ModelOf(S, create.Spec.ModelVersion);
                    grains.Instance(Name, create.Spec.InstanceId).Initialize(create.Spec, create.Spec.ExtensionsFrom(model), S.Profile!.Key);
                    break;
                case RestoreInstance restore:
                    // Never decided here (the reference engine loses no instance); carried out as the grains do.
                    var kept = ScaleSetQueries.ModelOf(S, restore.Spec.ModelVersion);
                    grains.Instance(Name, restore.Spec.InstanceId).Initialize(restore.Spec, restore.Spec.ExtensionsFrom(kept), S.Profile!.Key);
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
                    grains.Instance(Name, start.InstanceId).StartAsync(Order(orders ??= new UpgradeOrderBuilder(S, ReadProbe, NoTraceParent), start.Order) with { Serial = start.Serial });
                    break;
                case WakeUp wake:
                    if (wake.PlatformWork)
                    {
                        platformWakes.Scheduled(wake.Token);
                    }

                    // No delay: at the end of this instant (a zero delay is exactly that).
                    time.WakeAfter(wake.Delay ?? TimeSpan.Zero, wake.Token);
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

    private static UpgradeOrder Order(UpgradeOrderBuilder orders, OrderRequest request)
    {
        var order = orders.OrderAsync(request);
        return order.IsCompletedSuccessfully ? order.Result : throw new InvalidOperationException("the reference engine reads probes directly: an order is made at once");
    }

    private static string? NoTraceParent() => null;

    private ValueTask<(int IntervalInSeconds, int NumberOfProbes)> ReadProbe(string loadBalancer)
    {
        var probe = grains.LoadBalancer(loadBalancer).Config;
        return ValueTask.FromResult((probe.IntervalInSeconds, probe.NumberOfProbes));
    }
}
