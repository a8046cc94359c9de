using System.Collections.Immutable;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Abstractions.Json;
using VmssGrains.Abstractions.Views;
using VmssGrains.Domain;
using VmssGrains.Domain.Faults;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.ScaleSets;
using VmssGrains.Grains.Hosting;

namespace VmssGrains.Simulation.Reference;

/// <summary>
/// A scale set on the reference engine, as <c>ScaleSetGrain</c> is one on Orleans: each request, report and wake-up is
/// one <see cref="ScaleSetMachine.Decide"/>, whose commands are carried out in order (ReferenceScaleSet.Commands.cs).
/// </summary>
internal sealed partial class ReferenceScaleSet : IScaleSetGrain
{
    private readonly ReferenceGrains grains;
    private readonly ReferenceEngine engine;
    private readonly ReferenceTime time;
    private readonly PlatformWakes platformWakes;
    private readonly ActivityLog activityLog = new();
    private readonly string reportMessage;
    private readonly string healthMessage;
    private ScaleSetState? state;

    public ReferenceScaleSet(ReferenceGrains grains, string name)
    {
        this.grains = grains;
        engine = grains.Engine;
        Name = name;
        time = new ReferenceTime(engine, "scaleset/", name, OnWake);
        platformWakes = new PlatformWakes(engine.Monitor);

        // Named once: every instance report and health change is one such message.
        reportMessage = $"IScaleSetGrain.OnInstanceReport to scaleset/{name}";
        healthMessage = $"IScaleSetGrain.OnInstanceHealth to scaleset/{name}";
    }

    private string Name { get; }

    /// <summary>The scale set's state as it is now (null before it was first called), for the batch listing to read.</summary>
    internal ScaleSetState? State => state;

    private ScaleSetState S
    {
        get
        {
            if (state is null)
            {
                // Activation: the grain subscribes to the gallery's catalog when first called.
                state = ScaleSetState.Empty(Name);
                Subscribe();
            }

            return state;
        }
        set => state = value;
    }

    public Task<OperationStatus> CreateOrUpdateAsync(string resourceJson, SimulationSettings? settings = null, CancellationToken cancellationToken = default) =>
        Request("CreateOrUpdate", new PutRequested(resourceJson, settings ?? new SimulationSettings { Seed = 0 }));

    public Task<OperationStatus> UpdateAsync(string mergePatchJson, CancellationToken cancellationToken = default) =>
        Request("Update", new PatchRequested(mergePatchJson));

    public Task<string> GetAsync(CancellationToken cancellationToken = default) =>
        engine.Call(() => ScaleSetQueries.Render(S).ToJsonString(JsonText.Indented));

    public Task<bool> ExistsAsync() => engine.Call(() => S.Exists);

    public Task DeleteAsync(CancellationToken cancellationToken = default) => Request("Delete", new DeleteRequested());

    public Task<OperationStatus> ScaleAsync(int capacity, CancellationToken cancellationToken = default) => Request("Scale", new ScaleRequested(capacity));

    public Task<OperationStatus> StartOSUpgradeAsync(CancellationToken cancellationToken = default) => Request("StartOSUpgrade", new OSUpgradeRequested());

    public Task<OperationStatus> StartExtensionUpgradeAsync(CancellationToken cancellationToken = default) =>
        Request("StartExtensionUpgrade", new ExtensionUpgradeRequested());

    public Task CancelRollingUpgradeAsync(CancellationToken cancellationToken = default) => Request("Cancel", new CancelRollingUpgradeRequested());

    public Task<RunRecord?> GetLatestRollingUpgradeAsync(CancellationToken cancellationToken = default) => engine.Call(() =>
    {
        _ = ScaleSetQueries.Model(S);
        return S.LatestRollingRun >= 0 ? S.Runs[S.LatestRollingRun] : null;
    });

    public Task<OperationStatus> UpdateInstancesAsync(ImmutableArray<string> instanceIds, CancellationToken cancellationToken = default) =>
        Request("UpdateInstances", new UpdateInstancesRequested(instanceIds));

    public Task<OperationStatus> ReimageAsync(ImmutableArray<string> instanceIds, bool all, CancellationToken cancellationToken = default) =>
        Request(all ? "ReimageAll" : "Reimage", new ReimageRequested(instanceIds, all));

    public Task SetProtectionPolicyAsync(ImmutableArray<string> instanceIds, bool protectFromScaleIn, bool protectFromScaleSetActions, CancellationToken cancellationToken = default) =>
        Request("SetProtectionPolicy", new ProtectionRequested(instanceIds, protectFromScaleIn, protectFromScaleSetActions));

    public Task<ImmutableArray<InstanceSummary>> ListInstancesAsync(CancellationToken cancellationToken = default) => engine.Call(() =>
    {
        _ = ScaleSetQueries.Model(S);
        return ScaleSetQueries.Instances(S);
    });

    public Task<InstancePage> ListInstancesPageAsync(int top, string? skipToken, bool? latestModelApplied = null, CancellationToken cancellationToken = default) =>
        engine.Call(() => InstancePage.Of(S, Domain.Fleet.InstanceIndex.Empty.Of(S.Instances), top, skipToken, latestModelApplied));

    public Task<ScaleSetSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default) => engine.Call(() => ScaleSetSnapshot.Of(S));

    public Task<bool> IsSettledAsync() => engine.Call(() => ScaleSetQueries.IsSettled(S));

    public Task<OperationStatus> GetOperationAsync(string name, CancellationToken cancellationToken = default) =>
        engine.Call(() => ScaleSetQueries.Operation(S, name));

    public Task AddFaultsAsync(FaultRules faults, CancellationToken cancellationToken = default) => engine.Call(() => Decide(new FaultsAdded(faults)));

    public Task SetUnhealthyAsync(ImmutableArray<string> instanceIds, bool unhealthy, CancellationToken cancellationToken = default) =>
        Request("Fault", new UnhealthyRequested(instanceIds, unhealthy));

    public Task<ImmutableArray<AuditRecord>> GetActivityLogAsync(ActivityLogQuery query, CancellationToken cancellationToken = default) =>
        engine.Call(() => activityLog.Query(query));

    public Task ApproveRollingUpgradeAsync(ImmutableArray<string> instanceIds, CancellationToken cancellationToken = default) =>
        Request("ApproveRollingUpgrade", new ApproveRequested(instanceIds));

    public Task OnImageVersionPublishedAsync(ImageVersionInfo version) =>
        engine.Post($"IScaleSetGrain.OnImageVersionPublished to scaleset/{Name}", () => Decide(new ImageVersionPublished(version)));

    public Task OnImageCatalogChangedAsync(ImageCatalog catalog) => engine.Call(() =>
    {
        S = ScaleSetMachine.Decide(S, new CatalogChanged(catalog), time.Now).State;
    });

    public Task<InstanceProfile> GetInstanceProfileAsync(InstanceProfileKey key) => engine.Call(() => Profile(key));

    /// <summary>The instance profile <paramref name="key"/> names, read directly by this scale set's instances.</summary>
    internal InstanceProfile Profile(InstanceProfileKey key) => ScaleSetQueries.Profile(S, key);

    /// <summary>None: the reference scale set creates every instance at once (its instances are plain objects, cheap to create) and none parks.</summary>
    public Task<InstanceState?> TakeInstanceAsync(string instanceId) => Task.FromResult<InstanceState?>(null);

    /// <summary>Never called: a reference instance is a plain object that costs nothing idle, so it never parks.</summary>
    public Task ParkInstanceAsync(InstanceState state) => throw new NotSupportedException("reference instances never park");

    public Task OnInstanceReportAsync(InstanceReport report) =>
        engine.Post(reportMessage, () =>
        {
            if (S.Instances.ContainsKey(report.Outcome.InstanceId) && !ScaleSetQueries.IsStale(S, report))
            {
                foreach (var (audited, at) in ActivityFacts.OfReport(S.Run, report, time.Now))
                {
                    Audit(audited, at);
                }

                Decide(new InstanceReported(report));
            }
        });

    public Task OnInstanceHealthAsync(InstanceSummary summary) =>
        engine.Post(healthMessage, () => Decide(new InstanceHealthChanged(summary)));

    private void OnWake(long token)
    {
        platformWakes.Due(token);
        Decide(new WakeUpDue(token));
    }

    /// <summary>A request: decided and carried out, or refused (recorded in the activity log with Azure's code).</summary>
    private Task<OperationStatus> Request(string action, ScaleSetEvent request) => engine.Call(() =>
    {
        try
        {
            if (request is PutRequested && !S.Exists)
            {
                // A scale set being created (again) resolves images from the gallery's catalog as it is now.
                Subscribe();
            }

            return Decide(request)!;
        }
        catch (AzureException e)
        {
            Audit(new Audited(action, e.Code, Message: e.Message));
            throw;
        }
    });

    private OperationStatus? Decide(ScaleSetEvent e)
    {
        var transition = ScaleSetMachine.Decide(S, e, time.Now);
        S = transition.State;
        CarryOut(transition.Commands);
        return transition.Operation;
    }

    private void Subscribe()
    {
        var catalog = grains.Gallery.Subscribe(Name);
        S = ScaleSetMachine.Decide(S, new CatalogChanged(catalog), time.Now).State;
    }

    private void Audit(Audited fact, DateTimeOffset? at = null) =>
        activityLog.Add(AuditRecord.Of(fact, engine.Caller ?? "User", Name, at ?? time.Now));
}
