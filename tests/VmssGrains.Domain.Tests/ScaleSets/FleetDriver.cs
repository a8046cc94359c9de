using VmssGrains.Domain.Faults;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.ScaleSets;

namespace VmssGrains.Domain.Tests.ScaleSets;

/// <summary>
/// A small carrier of <see cref="ScaleSetMachine"/> on a virtual clock of its own: it keeps the state, carries out
/// the commands as the grain does (each instance is the real <see cref="InstanceMachine"/>), and delivers instance
/// reports and wake-ups in time order. Messages sent at an instant are handled before any wake-up of that instant,
/// as in the cluster. The load balancers' probe is 2 × 5 s.
/// </summary>
internal sealed class FleetDriver
{
    private readonly PriorityQueue<Wake, (DateTimeOffset At, long Seq)> wakes = new();
    private readonly Queue<ScaleSetEvent> inbox = new();
    private long seq;
    private int epoch;

    public FleetDriver(ImageCatalog? catalog = null, DateTimeOffset? start = null)
    {
        Now = start ?? MachineFleets.T0;
        S = ScaleSetState.Empty(MachineFleets.Name, catalog ?? MachineFleets.Catalog);
    }

    public ScaleSetState S { get; private set; }

    public DateTimeOffset Now { get; private set; }

    /// <summary>The instances as they really are.</summary>
    public Dictionary<string, InstanceState> Vms { get; } = new(StringComparer.Ordinal);

    /// <summary>Every command the machine gave, in order.</summary>
    public List<ScaleSetCommand> Commands { get; } = [];

    /// <summary>Reports this returns true for are kept in <see cref="Held"/> instead of being delivered (to reorder them).</summary>
    public Func<ScaleSetEvent, bool>? Hold { get; set; }

    /// <summary>Reports held back by <see cref="Hold"/>, in the order they were sent.</summary>
    public List<ScaleSetEvent> Held { get; } = [];

    /// <summary>Called after every decision with the state before it (for invariants).</summary>
    public Action<ScaleSetState, ScaleSetTransition>? Observer { get; set; }

    /// <summary>A driver with a scale set created from <paramref name="resource"/> (fixed timing, seed 1).</summary>
    public static FleetDriver Create(string resource, FaultRules? faults = null, ImageCatalog? catalog = null)
    {
        var driver = new FleetDriver(catalog);
        driver.Send(new PutRequested(resource, new SimulationSettings { Seed = 1, Timing = MachineFleets.Timing, Faults = faults ?? FaultRules.None }));
        return driver;
    }

    /// <summary>Decides one event now and carries out its commands (nothing else happens until <see cref="Settle"/>).</summary>
    public ScaleSetTransition Send(ScaleSetEvent e)
    {
        var before = S;
        var t = ScaleSetMachine.Decide(S, e, Now);
        S = t.State;
        Commands.AddRange(t.Commands);
        Observer?.Invoke(before, t);
        foreach (var command in t.Commands)
        {
            CarryOut(command);
        }

        return t;
    }

    /// <summary>Runs until nothing is left to do, or until <paramref name="limit"/>; returns when the last thing happened.</summary>
    public DateTimeOffset Settle(TimeSpan? limit = null)
    {
        var end = Now + (limit ?? TimeSpan.FromDays(2));
        var last = Now;
        while (true)
        {
            if (inbox.TryDequeue(out var e))
            {
                Send(e);
                last = Now;
                continue;
            }

            if (!wakes.TryPeek(out var wake, out var key) || key.At > end)
            {
                return last;
            }

            wakes.Dequeue();
            Now = key.At;
            if (wake.InstanceId is { } id)
            {
                if (Vms.TryGetValue(id, out var vm))
                {
                    Apply(InstanceMachine.Wake(vm, wake.Token, ScaleSetQueries.Profile(S, vm.Profile), Now));
                    last = Now;
                }
            }
            else if (wake.Epoch == epoch)
            {
                Send(new WakeUpDue(wake.Token));
                last = Now;
            }
        }
    }

    /// <summary>Advances the clock by <paramref name="delay"/>, doing what falls due on the way.</summary>
    public void Advance(TimeSpan delay)
    {
        var until = Now + delay;
        Settle(until - Now);
        Now = until;
    }

    /// <summary>The commands given since <paramref name="from"/> (an index into <see cref="Commands"/>).</summary>
    public IEnumerable<T> Since<T>(int from) => Commands.Skip(from).OfType<T>();

    private void CarryOut(ScaleSetCommand command)
    {
        switch (command)
        {
            case CreateInstance or RestoreInstance:
                var spec = command is CreateInstance create ? create.Spec : ((RestoreInstance)command).Spec;
                var model = S.Models.GetValueOrDefault(spec.ModelVersion, S.Model!);
                var vm = spec.NewInstance(S.Name, spec.ExtensionsFrom(model), S.Profile!.Key, Now);
                Vms[vm.InstanceId] = vm;
                Apply(InstanceMachine.ArmRandomFault(vm, S.Profile!, Now));
                break;
            case StartOrder start when !Vms.ContainsKey(start.InstanceId):
                // An instance that lost its state ignores the order, as the grain does.
                break;
            case StartOrder start:
                var orderModel = S.Models.GetValueOrDefault(start.Order.ModelVersion, S.Model!);
                var health = UpgradeOrders.Health(orderModel, 5, 2, S.Profile!.Timing);
                Apply(InstanceMachine.Start(Vms[start.InstanceId], UpgradeOrders.From(start.Order, orderModel, health, S.Profile!.Key, null) with { Serial = start.Serial }, S.Profile!, Now));
                break;
            case RemoveInstance remove:
                Vms.Remove(remove.InstanceId);
                break;
            case SetInstanceProtection protect:
                Vms[protect.InstanceId] = Vms[protect.InstanceId] with { ProtectFromScaleIn = protect.ProtectFromScaleIn, ProtectFromScaleSetActions = protect.ProtectFromScaleSetActions };
                break;
            case SetInstanceUnhealthy unhealthy:
                Apply(InstanceMachine.SetForcedUnhealthy(Vms[unhealthy.InstanceId], unhealthy.Unhealthy, Now));
                break;
            case WakeUp wake:
                wakes.Enqueue(new Wake(null, wake.Token, epoch), (Now + (wake.Delay ?? TimeSpan.Zero), seq++));
                break;
            case ClearWakeUps:
                epoch++;
                break;
        }
    }

    private void Apply(InstanceTransition t)
    {
        var id = t.State.InstanceId;
        Vms[id] = t.State;
        foreach (var command in t.Commands)
        {
            switch (command)
            {
                case WakeInstanceAfter wake:
                    wakes.Enqueue(new Wake(id, wake.Token, 0), (Now + wake.Delay, seq++));
                    break;
                case ReportOperation report:
                    Deliver(new InstanceReported(report.Report));
                    break;
                case ReportHealth health:
                    Deliver(new InstanceHealthChanged(health.Summary));
                    break;
            }
        }

        if (t.State.ProvisioningState == "Deleted")
        {
            Vms.Remove(id);
        }
    }

    private void Deliver(ScaleSetEvent e)
    {
        if (Hold?.Invoke(e) == true)
        {
            Held.Add(e);
        }
        else
        {
            inbox.Enqueue(e);
        }
    }

    private sealed record Wake(string? InstanceId, long Token, int Epoch);
}
