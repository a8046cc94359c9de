using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Placement;
using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Abstractions.Json;
using VmssGrains.Abstractions.Views;
using VmssGrains.Domain;
using VmssGrains.Domain.Faults;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.ScaleSets;
using VmssGrains.Grains.Clock;
using VmssGrains.Grains.Hosting;
using VmssGrains.Grains.Telemetry;

namespace VmssGrains.Grains.ScaleSet;

/// <summary>
/// A scale set: a shell around <see cref="ScaleSetMachine"/>. Each request, report and wake-up is one decision: load
/// the state, <see cref="ScaleSetMachine.Decide"/>, carry out the commands (<see cref="ScaleSetCommandCarrier"/>), persist once.
/// Instances are told to start and report back one-way; decisions the machine takes at the end of an instant are
/// woken by <see cref="SimulatedTime.WakeAtEndOfInstant"/>. Spread over silos by hash, as instances and load balancers are:
/// Orleans' default (resource-optimised) placement put all 20 scale sets of a fleet on one silo of three.
/// </summary>
[HashBasedPlacement]
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class ScaleSetGrain : Grain, IScaleSetGrain, IRemindable
{
    private readonly IPersistentState<ScaleSetGrainState> store;
    private readonly SimulatedTime time;
    private readonly PlatformWakes platformWakes;
    private readonly long defaultSeed;
    private readonly ScaleSetObserver observer;
    private readonly ScaleSetCommandCarrier carrier;
    private Domain.Fleet.InstanceIndex index = Domain.Fleet.InstanceIndex.Empty;

    /// <summary>Instances created and not yet built (memory store only; null on a durable store).</summary>
    private readonly WaitingInstances? waiting;

    /// <summary>Resuming after a silo dies (durable stores only; null on memory).</summary>
    private readonly ScaleSetDurability? durability;

    /// <summary>Creates the grain.</summary>
    public ScaleSetGrain(
        [PersistentState("scaleSet", StorageNames.Grains)] IPersistentState<ScaleSetGrainState> store,
        [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider clock,
        IServiceProvider services,
        ILoggerFactory loggers)
    {
        this.store = store;
        var monitor = services.GetService<SimulationMonitor>();
        defaultSeed = services.GetService<SimulationHost>()?.DefaultSeed ?? 0;
        time = new SimulatedTime(this, clock, OnWakeAsync);
        observer = new ScaleSetObserver(Name, () => time.Now, monitor, loggers.CreateLogger(AuditLog.Category));
        platformWakes = new PlatformWakes(monitor);
        var grainStore = services.GetService<GrainStore>();
        waiting = grainStore is { Durable: true } ? null : new WaitingInstances();
        carrier = new ScaleSetCommandCarrier(services.GetRequiredService<IGrainFactory>(), Name, time, platformWakes, observer, waiting);
        if (grainStore is { Durable: true } durable)
        {
            durability = new ScaleSetDurability(this, services.GetRequiredService<IGrainFactory>(), services.GetRequiredService<ILocalSiloDetails>().SiloAddress.ToString(), store, time, observer, DecideAsync, loggers.CreateLogger<ScaleSetGrain>(), durable.WriteEveryDecision);
        }
    }

    private ScaleSetState S => store.State.State ??= ScaleSetState.Empty(Name);

    private string Name => this.GetPrimaryKeyString();

    /// <inheritdoc/>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var instance in S.Instances.Values)
        {
            observer.CountInstance(instance, instance.ModelVersion == S.ModelVersion, 1);
        }

        await SubscribeAsync();
        if (durability is not null)
        {
            await durability.ActivateAsync();
        }
    }

    /// <inheritdoc/>
    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        durability is not null && reminderName == ScaleSetDurability.ReminderName ? durability.WatchAsync() : Task.CompletedTask;

    /// <inheritdoc/>
    public Task<OperationStatus> CreateOrUpdateAsync(string resourceJson, SimulationSettings? settings = null, CancellationToken cancellationToken = default) =>
        RequestAsync("CreateOrUpdate", new PutRequested(resourceJson, settings ?? new SimulationSettings { Seed = defaultSeed }));

    /// <inheritdoc/>
    public Task<OperationStatus> UpdateAsync(string mergePatchJson, CancellationToken cancellationToken = default) =>
        RequestAsync("Update", new PatchRequested(mergePatchJson));

    /// <inheritdoc/>
    public Task<string> GetAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(ScaleSetQueries.Render(S).ToJsonString(JsonText.Indented));

    /// <inheritdoc/>
    public Task<bool> ExistsAsync() => Task.FromResult(S.Exists);

    /// <inheritdoc/>
    public Task DeleteAsync(CancellationToken cancellationToken = default) => RequestAsync("Delete", new DeleteRequested());

    /// <inheritdoc/>
    public Task<OperationStatus> ScaleAsync(int capacity, CancellationToken cancellationToken = default) =>
        RequestAsync("Scale", new ScaleRequested(capacity));

    /// <inheritdoc/>
    public Task<OperationStatus> StartOSUpgradeAsync(CancellationToken cancellationToken = default) =>
        RequestAsync("StartOSUpgrade", new OSUpgradeRequested());

    /// <inheritdoc/>
    public Task<OperationStatus> StartExtensionUpgradeAsync(CancellationToken cancellationToken = default) =>
        RequestAsync("StartExtensionUpgrade", new ExtensionUpgradeRequested());

    /// <inheritdoc/>
    public Task CancelRollingUpgradeAsync(CancellationToken cancellationToken = default) =>
        RequestAsync("Cancel", new CancelRollingUpgradeRequested());

    /// <inheritdoc/>
    public Task<RunRecord?> GetLatestRollingUpgradeAsync(CancellationToken cancellationToken = default)
    {
        _ = ScaleSetQueries.Model(S);
        return Task.FromResult(S.LatestRollingRun >= 0 ? S.Runs[S.LatestRollingRun] : null);
    }

    /// <inheritdoc/>
    public Task<OperationStatus> UpdateInstancesAsync(ImmutableArray<string> instanceIds, CancellationToken cancellationToken = default) =>
        RequestAsync("UpdateInstances", new UpdateInstancesRequested(instanceIds));

    /// <inheritdoc/>
    public Task<OperationStatus> ReimageAsync(ImmutableArray<string> instanceIds, bool all, CancellationToken cancellationToken = default) =>
        RequestAsync(all ? "ReimageAll" : "Reimage", new ReimageRequested(instanceIds, all));

    /// <inheritdoc/>
    public Task SetProtectionPolicyAsync(ImmutableArray<string> instanceIds, bool protectFromScaleIn, bool protectFromScaleSetActions, CancellationToken cancellationToken = default) =>
        RequestAsync("SetProtectionPolicy", new ProtectionRequested(instanceIds, protectFromScaleIn, protectFromScaleSetActions));

    /// <inheritdoc/>
    public Task<ImmutableArray<InstanceSummary>> ListInstancesAsync(CancellationToken cancellationToken = default)
    {
        _ = ScaleSetQueries.Model(S);
        return Task.FromResult(ScaleSetQueries.Instances(S));
    }

    /// <inheritdoc/>
    public Task<InstancePage> ListInstancesPageAsync(int top, string? skipToken, bool? latestModelApplied = null, CancellationToken cancellationToken = default)
    {
        // The ids' order is kept between pages (a page is interleaved with the run: it must cost little).
        index = index.Of(S.Instances);
        return Task.FromResult(InstancePage.Of(S, index, top, skipToken, latestModelApplied));
    }

    /// <inheritdoc/>
    public Task<ScaleSetSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(ScaleSetSnapshot.Of(S));

    /// <inheritdoc/>
    public Task<bool> IsSettledAsync() => Task.FromResult(ScaleSetQueries.IsSettled(S));

    /// <inheritdoc/>
    public Task<ImmutableArray<AuditRecord>> GetActivityLogAsync(ActivityLogQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(observer.ActivityLog(query));

    /// <inheritdoc/>
    public Task<OperationStatus> GetOperationAsync(string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(ScaleSetQueries.Operation(S, name));

    /// <inheritdoc/>
    public Task AddFaultsAsync(FaultRules faults, CancellationToken cancellationToken = default) => DecideAsync(new FaultsAdded(faults));

    /// <inheritdoc/>
    public Task SetUnhealthyAsync(ImmutableArray<string> instanceIds, bool unhealthy, CancellationToken cancellationToken = default) =>
        RequestAsync("Fault", new UnhealthyRequested(instanceIds, unhealthy));

    /// <inheritdoc/>
    public Task ApproveRollingUpgradeAsync(ImmutableArray<string> instanceIds, CancellationToken cancellationToken = default) =>
        RequestAsync("ApproveRollingUpgrade", new ApproveRequested(instanceIds));

    /// <inheritdoc/>
    public Task OnImageVersionPublishedAsync(ImageVersionInfo version) => DecideAsync(new ImageVersionPublished(version));

    /// <inheritdoc/>
    public Task OnImageCatalogChangedAsync(ImageCatalog catalog)
    {
        // Interleaved with any call under way: it only replaces the machine's copy of the catalog (no commands), and no
        // decision holds the state across an await.
        store.State.State = ScaleSetMachine.Decide(S, new CatalogChanged(catalog), time.Now).State;
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<InstanceProfile> GetInstanceProfileAsync(InstanceProfileKey key) => Task.FromResult(ScaleSetQueries.Profile(S, key));

    /// <inheritdoc/>
    public Task OnInstanceReportAsync(InstanceReport report)
    {
        if (!S.Instances.ContainsKey(report.Outcome.InstanceId) || ScaleSetQueries.IsStale(S, report))
        {
            return Task.CompletedTask;
        }

        observer.ObserveReport(report, S.Run);
        return DecideAsync(new InstanceReported(report));
    }

    /// <inheritdoc/>
    public Task<InstanceState?> TakeInstanceAsync(string instanceId) => Task.FromResult(waiting?.Take(instanceId));

    /// <inheritdoc/>
    public Task ParkInstanceAsync(InstanceState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (waiting is null)
        {
            throw new InvalidOperationException($"scale set {Name} keeps its state on a durable store and parks no instance ({state.InstanceId})");
        }

        waiting.Keep(state);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task OnInstanceHealthAsync(InstanceSummary summary) => DecideAsync(new InstanceHealthChanged(summary));

    private Task OnWakeAsync(long token)
    {
        platformWakes.Due(token);
        durability?.WokeUp(token);
        return DecideAsync(new WakeUpDue(token));
    }

    /// <summary>A request: decided, carried out and persisted, or refused (recorded in the activity log with Azure's code).</summary>
    private async Task<OperationStatus> RequestAsync(string action, ScaleSetEvent request)
    {
        try
        {
            if (request is PutRequested && !S.Exists)
            {
                // A scale set being created (again) resolves images from the gallery's catalog as it is now.
                await SubscribeAsync();
            }

            return (await DecideAsync(request))!;
        }
        catch (AzureException e)
        {
            observer.Audit(new Audited(action, e.Code, Message: e.Message));
            throw;
        }
    }

    private async Task<OperationStatus?> DecideAsync(ScaleSetEvent e)
    {
        var before = S;
        var transition = ScaleSetMachine.Decide(S, e, time.Now);
        store.State.State = transition.State;
        if (durability is not null)
        {
            // Durable: written before it is carried out, so an order a dead silo sent is known to be in flight.
            await durability.BeforeCarryingOutAsync(before, transition);
            await carrier.CarryOutAsync(transition.State, transition.Commands);
            await durability.WatchAsync();
            return transition.Operation;
        }

        // On memory the state lives in the activation (kept always active): a write to the memory store would survive
        // nothing the activation does not, and serialising 1,000 summaries per checkpoint cost 5 % of a fleet run.
        await carrier.CarryOutAsync(transition.State, transition.Commands);
        return transition.Operation;
    }

    private async Task SubscribeAsync()
    {
        var catalog = await GrainFactory.GetGrain<IImageGalleryGrain>(GrainKeys.Gallery).SubscribeAsync(Name, subscribe: true);
        store.State.State = ScaleSetMachine.Decide(S, new CatalogChanged(catalog), time.Now).State;
    }
}
