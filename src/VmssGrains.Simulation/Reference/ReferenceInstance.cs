using System.Collections.Immutable;
using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.ScaleSets;

namespace VmssGrains.Simulation.Reference;

/// <summary>
/// A VM instance on the reference engine, as <c>VmInstanceGrain</c> is one on Orleans: a shell around
/// <see cref="InstanceMachine"/> that carries out its commands (wake-ups, load balancer updates, one-way reports).
/// </summary>
internal sealed class ReferenceInstance : IVmInstanceGrain
{
    private readonly ReferenceGrains grains;
    private readonly ReferenceEngine engine;
    private readonly ReferenceTime time;
    private readonly string key;
    private readonly string scaleSet;
    private InstanceProfile? profile;

    public ReferenceInstance(ReferenceGrains grains, string key)
    {
        this.grains = grains;
        engine = grains.Engine;
        this.key = key;
        scaleSet = GrainKeys.ParseInstance(key).ScaleSet;
        time = new ReferenceTime(engine, "vminstance/", key, OnWake);
    }

    private InstanceState? State { get; set; }

    public Task InitializeAsync(InstanceSpec spec, ImmutableArray<ExtensionSpec> extensions, InstanceProfileKey profile) =>
        engine.Call(() => Initialize(spec, extensions, profile));

    public Task StartAsync(UpgradeOrder order) =>
        engine.Post("IVmInstanceGrain.StartAsync to vminstance/", key, () =>
        {
            if (State is { } state)
            {
                Apply(InstanceMachine.Start(state, order, Profile(order.Profile), time.Now));
            }
        });

    public Task<InstanceState?> GetStateAsync() => engine.Call(() => State);

    /// <summary>
    /// Where an order stands. The reference engine runs in one process and never loses an instance, and its scale set
    /// never checks (that is the grains' durable store only): the answer follows the state alone.
    /// </summary>
    public Task<OrderCheck> CheckOrderAsync(long orderSerial) => engine.Call(() => InstanceMachine.CheckOrder(State, orderSerial));

    public Task SetUnhealthyAsync(bool unhealthy) => engine.Call(() => SetUnhealthy(unhealthy));

    public Task SetProtectionAsync(bool protectFromScaleIn, bool protectFromScaleSetActions) =>
        engine.Call(() => SetProtection(protectFromScaleIn, protectFromScaleSetActions));

    public Task WriteFileAsync(bool dataDisk, string path) => throw new NotSupportedException("the reference engine runs scenarios; it writes no files on disks");

    public Task RemoveAsync() => engine.Call(Remove);

    /// <summary>Builds the instance's state from its spec (<see cref="InstanceSpec.NewInstance"/>) and joins the load balancers' pools.</summary>
    internal void Initialize(InstanceSpec spec, ImmutableArray<ExtensionSpec> extensions, InstanceProfileKey profile)
    {
        var state = spec.NewInstance(scaleSet, extensions, profile, time.Now);
        State = state;
        foreach (var lb in state.LoadBalancers)
        {
            grains.LoadBalancer(lb).UpdateBackend(key, true, state.InPool, state.InService);
        }

        Apply(InstanceMachine.ArmRandomFault(state, Profile(profile), time.Now));
    }

    internal void SetUnhealthy(bool unhealthy)
    {
        if (State is { } state)
        {
            Apply(InstanceMachine.SetForcedUnhealthy(state, unhealthy, time.Now));
        }
    }

    internal void SetProtection(bool protectFromScaleIn, bool protectFromScaleSetActions)
    {
        if (State is { } state)
        {
            State = InstanceMachine.SetProtection(state, protectFromScaleIn, protectFromScaleSetActions);
        }
    }

    /// <summary>Forgets the instance after its deletion: it leaves its load balancers, and its operation ends.</summary>
    internal void Remove()
    {
        if (State is { } state)
        {
            foreach (var lb in state.LoadBalancers)
            {
                grains.LoadBalancer(lb).UpdateBackend(key, false, false, false);
            }

            if (state.Active is not null)
            {
                engine.Monitor.OperationEnded();
            }
        }

        time.Clear();
        State = null;
    }

    private void OnWake(long token)
    {
        if (State is { } state)
        {
            Apply(InstanceMachine.Wake(state, token, Profile(state.Profile), time.Now));
        }
    }

    /// <summary>The instance profile <paramref name="profileKey"/> names: the one it last acted with, else from the scale set directly.</summary>
    private InstanceProfile Profile(InstanceProfileKey profileKey) =>
        profile is { } known && known.Key == profileKey ? known : profile = grains.ScaleSet(profileKey.ScaleSet).Profile(profileKey);

    private void Apply(InstanceTransition transition)
    {
        engine.Monitor.OperationChanged(State?.Active is not null, transition.State.Active is not null);
        State = transition.State;

        foreach (var command in transition.Commands)
        {
            switch (command)
            {
                case WakeInstanceAfter wake:
                    time.WakeAfter(wake.Delay, wake.Token);
                    break;
                case UpdateBackends update:
                    foreach (var lb in transition.State.LoadBalancers)
                    {
                        grains.LoadBalancer(lb).UpdateBackend(key, true, update.InPool, update.Healthy);
                    }

                    break;
                case ReportOperation report:
                    grains.ScaleSet(scaleSet).OnInstanceReportAsync(report.Report);
                    break;
                case ReportHealth health:
                    grains.ScaleSet(scaleSet).OnInstanceHealthAsync(health.Summary);
                    break;
            }
        }

        if (transition.Gone)
        {
            Remove();
        }
    }
}
