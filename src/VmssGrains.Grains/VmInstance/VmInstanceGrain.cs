using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Placement;
using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Abstractions.Views;
using VmssGrains.Domain;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.ScaleSets;
using VmssGrains.Grains.Clock;
using VmssGrains.Grains.Hosting;
using VmssGrains.Grains.LoadBalancer;

namespace VmssGrains.Grains.VmInstance;

/// <summary>
/// A thin shell around <see cref="InstanceMachine"/>: reads state, calls the machine, carries out its
/// commands (wake-ups, load balancer updates, one-way reports). Spread over silos by hash: Orleans'
/// default would keep the scale set's fan-out on its own silo.
/// </summary>
/// <remarks>
/// The state lives in the activation only (never collected for age while the simulation runs): the scale set holds
/// the durable summary of every instance, and writing each instance through a storage grain per
/// operation cost a third of a fleet run for no gain (memory storage does not survive its silo either). On the
/// memory store an idle instance hands its state to its scale set and deactivates until its next call
/// (docs/machines.md#parking).
/// </remarks>
[HashBasedPlacement]
[CollectionAgeLimit(AlwaysActive = true)]
public sealed partial class VmInstanceGrain : Grain, IVmInstanceGrain
{
    private readonly SimulatedTime time;
    private readonly SimulationMonitor? monitor;
    private readonly InstanceProfileCache profiles;

    /// <summary>The silo's coalescer of load balancer changes.</summary>
    private readonly BackendUpdateBuffer backends;

    /// <summary>The profile the instance last acted with: a wake-up does not look it up again.</summary>
    private InstanceProfile? profile;

    /// <summary>The current operation's steps computed ahead.</summary>
    private readonly ComputedSteps ahead;

    /// <summary>Orders up to this serial are ignored: the scale set was told they were missing or lost, and gives them again.</summary>
    private long ignoredOrders;

    /// <summary>The last operation report sent, kept on a durable store only (sent again when the scale set checks on its order).</summary>
    private InstanceReport? lastReport;

    /// <summary>The store is durable: a scale set may check on its orders (a report kept per instance costs memory otherwise).</summary>
    private readonly bool durable;

    /// <summary>Creates the grain.</summary>
    public VmInstanceGrain([FromKeyedServices(TimeProviderNames.Grains)] TimeProvider clock, IServiceProvider services, InstanceProfileCache profiles, BackendUpdateBuffer backends)
    {
        this.backends = backends;
        this.profiles = profiles;
        monitor = services.GetService<SimulationMonitor>();
        durable = services.GetService<GrainStore>()?.Durable ?? false;
        time = new SimulatedTime(this, clock, OnWakeAsync);
        ahead = new ComputedSteps(time);
    }

    private InstanceState? State { get; set; }

    /// <inheritdoc/>
    public async Task InitializeAsync(InstanceSpec spec, ImmutableArray<ExtensionSpec> extensions, InstanceProfileKey profile)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var state = spec.NewInstance(GrainKeys.ParseInstance(this.GetPrimaryKeyString()).ScaleSet, extensions, profile, time.Now);
        var resolved = await ProfileAsync(profile);
        State = state;
        UpdateBackends(state.LoadBalancers, registered: true, state.InPool, state.InService);
        await backends.WhenSent();

        await ApplyAsync(InstanceMachine.ArmRandomFault(state, resolved, time.Now));
    }

    /// <inheritdoc/>
    public async Task StartAsync(UpgradeOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        await BuildAsync();
        if (State is not null && (order.Serial == 0 || order.Serial > ignoredOrders))
        {
            var resolved = await ProfileAsync(order.Profile);
            CatchUp();
            await ApplyAsync(InstanceMachine.Start(State, order, resolved, time.Now));
        }
    }

    /// <inheritdoc/>
    public Task<OrderCheck> CheckOrderAsync(long orderSerial)
    {
        CatchUp();
        var check = InstanceMachine.CheckOrder(State, orderSerial);
        if (check is OrderCheck.Missing or OrderCheck.Lost)
        {
            ignoredOrders = Math.Max(ignoredOrders, orderSerial);
        }
        else if (check is OrderCheck.Reported && lastReport is { } report && report.OrderSerial == orderSerial)
        {
            // One-way: the scale set is waiting for this answer.
            _ = GrainFactory.Reference<IScaleSetGrain>(GrainKeys.ParseInstance(this.GetPrimaryKeyString()).ScaleSet).OnInstanceReportAsync(report);
        }

        return Task.FromResult(check);
    }

    /// <inheritdoc/>
    public async Task<InstanceState?> GetStateAsync()
    {
        await BuildAsync();
        return State is { } state ? ahead.Peek(state) : null;
    }

    /// <inheritdoc/>
    public async Task SetUnhealthyAsync(bool unhealthy)
    {
        await BuildAsync();
        CatchUp();
        if (State is { } state)
        {
            await ApplyAsync(InstanceMachine.SetForcedUnhealthy(state, unhealthy, time.Now));
        }
    }

    /// <inheritdoc/>
    public async Task SetProtectionAsync(bool protectFromScaleIn, bool protectFromScaleSetActions)
    {
        await BuildAsync();
        CatchUp();
        if (State is { } state)
        {
            State = InstanceMachine.SetProtection(state, protectFromScaleIn, protectFromScaleSetActions);
            LookAhead(step: null);
        }
    }

    /// <inheritdoc/>
    public async Task WriteFileAsync(bool dataDisk, string path)
    {
        await BuildAsync();
        CatchUp();
        if (State is not { } state)
        {
            throw AzureException.NotFound($"instance {this.GetPrimaryKeyString()} does not exist");
        }

        State = dataDisk ? state with { DataDisk = state.DataDisk.WithFile(path) } : state with { OsDisk = state.OsDisk.WithFile(path) };
        LookAhead(step: null);
    }

    /// <inheritdoc/>
    public async Task RemoveAsync()
    {
        // An instance that parked while its deletion was on its way takes its state back, to leave its pools.
        await BuildAsync();
        if (State is { } state)
        {
            UpdateBackends(state.LoadBalancers, registered: false, inPool: false, healthy: false);
            await backends.WhenSent();

            if (state.Active is not null)
            {
                monitor?.OperationEnded();
            }
        }

        time.Clear();
        State = null;
        ahead.Clear();
        DeactivateOnIdle();
    }

    private async Task OnWakeAsync(long token)
    {
        if (State is not { } state)
        {
            return;
        }

        var resolved = await ProfileAsync(state.Profile);
        if (token > 0 && !ahead.None)
        {
            // The steps computed ahead end before this wake-up; a step wake-up the lookahead has since moved is stale.
            CatchUp();
            if (ahead.IsStale(token))
            {
                return;
            }
        }

        await ApplyAsync(ahead.Wake(State!, token, resolved));
    }

    /// <summary>Applies the steps computed ahead that ended by now (<see cref="InstanceLookahead.CatchUp"/>).</summary>
    private void CatchUp()
    {
        if (State is { } state)
        {
            State = ahead.CatchUp(state);
        }
    }

    /// <summary>Computes the steps ahead from the state as it is now (<see cref="ComputedSteps.LookAhead"/>).</summary>
    private void LookAhead((long Token, DateTimeOffset Due)? step) => ahead.LookAhead(State, profile, step);

    private async Task ApplyAsync(InstanceTransition transition)
    {
        var before = State;
        State = transition.State;
        monitor?.OperationChanged(before?.Active is not null, transition.State.Active is not null);
        var scaleSet = transition.State.ScaleSet;
        var stepped = false;
        foreach (var command in transition.Commands)
        {
            switch (command)
            {
                case WakeInstanceAfter { Token: > 0 } wake when !transition.Gone:
                    // A new step: armed where the command stands, after the steps nobody notices are computed ahead.
                    stepped = true;
                    LookAhead((wake.Token, time.Now + (wake.Delay > TimeSpan.Zero ? wake.Delay : TimeSpan.Zero)));
                    break;
                case WakeInstanceAfter wake:
                    time.WakeAfter(wake.Delay, wake.Token);
                    break;
                case UpdateBackends update:
                    UpdateBackends(transition.State.LoadBalancers, registered: true, update.InPool, update.Healthy);
                    break;
                case ReportOperation report:
                    Telemetry.InstanceSpans.Emit(scaleSet, report.Report);
                    lastReport = durable ? report.Report : null;
                    await GrainFactory.Reference<IScaleSetGrain>(scaleSet).OnInstanceReportAsync(report.Report);
                    break;
                case ReportHealth health:
                    await GrainFactory.Reference<IScaleSetGrain>(scaleSet).OnInstanceHealthAsync(health.Summary);
                    break;
            }
        }

        if (transition.Gone)
        {
            await RemoveAsync();
        }
        else if (!stepped)
        {
            // The current step goes on (or none is under way): what lies ahead follows the state as it is now.
            LookAhead(step: null);
            await ParkIfIdleAsync();
        }
    }

    /// <summary>Hands this backend's change to the silo's coalescer, for each of <paramref name="loadBalancers"/>, acting now.</summary>
    private void UpdateBackends(ImmutableArray<string> loadBalancers, bool registered, bool inPool, bool healthy)
    {
        var backend = this.GetPrimaryKeyString();
        foreach (var lb in loadBalancers)
        {
            backends.Add(lb, time.Now, new BackendUpdate(backend, registered, inPool, healthy));
        }
    }

    /// <summary>The profile <paramref name="key"/> names: the one this instance last acted with, else the silo's cache.</summary>
    private async ValueTask<InstanceProfile> ProfileAsync(InstanceProfileKey key) =>
        profile is { } known && known.Key == key ? known : profile = await profiles.GetAsync(key);
}
