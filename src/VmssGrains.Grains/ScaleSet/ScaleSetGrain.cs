using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Abstractions.Views;
using VmssGrains.Domain.Azure;
using VmssGrains.Domain.Faults;
using VmssGrains.Domain.Fleet;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Naming;
using VmssGrains.Domain.Randomness;
using VmssGrains.Domain.Rolling;
using VmssGrains.Domain.ScaleSets;
using VmssGrains.Grains.Clock;
using VmssGrains.Grains.Hosting;

namespace VmssGrains.Grains.ScaleSet;

/// <summary>
/// A scale set: validates and applies model changes, places instances, and drives runs through
/// <see cref="RollingUpgradeMachine"/>. It tells instances to start and returns; instances report back
/// one-way. Decisions are taken at the end of an instant (<see cref="SimulatedTime.WakeAtEndOfInstant"/>).
/// </summary>
[CollectionAgeLimit(AlwaysActive = true)]
public sealed partial class ScaleSetGrain : Grain, IScaleSetGrain
{
    private readonly IPersistentState<ScaleSetState> store;
    private readonly SimulatedTime time;
    private readonly SimulationMonitor? monitor;
    private readonly long defaultSeed;
    private readonly ILogger auditLogger;
    private FleetCounts counts;

    /// <summary>Creates the grain.</summary>
    public ScaleSetGrain(
        [PersistentState("scaleSet", StorageNames.Grains)] IPersistentState<ScaleSetState> store,
        [FromKeyedServices(TimeProviderNames.Grains)] TimeProvider clock,
        IServiceProvider services,
        ILoggerFactory loggers)
    {
        this.store = store;
        auditLogger = loggers.CreateLogger(Telemetry.AuditLog.Category);
        monitor = services.GetService<SimulationMonitor>();
        defaultSeed = services.GetService<SimulationHost>()?.DefaultSeed ?? 0;
        time = new SimulatedTime(this, clock, OnWakeAsync);
    }

    private ScaleSetState S => store.State;

    private string Name => this.GetPrimaryKeyString();

    private ScaleSetModel Model => S.Model ?? throw AzureException.NotFound($"The Resource 'Microsoft.Compute/virtualMachineScaleSets/{Name}' under resource group '{ResourceDocument.ResourceGroup}' was not found.");

    /// <inheritdoc/>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        counts = S.Instances.Values.Aggregate(default(FleetCounts), (sum, i) => sum + FleetCounts.Of(i));
        foreach (var instance in S.Instances.Values)
        {
            Telemetry.VmssTelemetry.Instances.Add(1, InstanceTags(instance));
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<OperationStatus> CreateOrUpdateAsync(string resourceJson, SimulationSettings? settings = null, CancellationToken cancellationToken = default) =>
        AuditedAsync("CreateOrUpdate", () => CreateOrReplaceAsync(resourceJson, settings));

    private async Task<OperationStatus> CreateOrReplaceAsync(string resourceJson, SimulationSettings? settings)
    {
        if (AzureNames.Problem(NameKind.ScaleSet, Name) is { } problem)
        {
            throw new AzureException("InvalidParameter", problem, "name");
        }

        var resource = ResourceDocument.Normalise(ParseObject(resourceJson, "the scale set resource"), Name);
        EnsureNameMatches(ParseObject(resourceJson, "the scale set resource"));
        if (S.Exists)
        {
            // PUT on an existing scale set replaces its model: the same path as a PATCH.
            if (ResourceDocument.UpdateProblem(ScaleSetModelReader.ParseObject(S.Resource!), resource) is { } unchangeable)
            {
                throw AzureException.From([unchangeable]);
            }

            return await ApplyResourceAsync(resource, "CreateOrUpdate");
        }

        var model = ReadModel(resource);
        await EnsureImagesExistAsync(resource);
        var now = time.Now;
        var simulation = settings ?? new SimulationSettings { Seed = defaultSeed };
        var image = await ResolveAsync(model.Image);
        var placements = FleetPlanner.PlaceNew([], model.Capacity, model.Zones, model.PlatformFaultDomainCount, 0);
        var instances = placements
            .Select(p => InstanceMachine.Deployed(Name, p.InstanceId, p.Zone, p.FaultDomain, 1, image.Image, model.Extensions, model.AllLoadBalancers, now)
                with { UnhealthyRate = simulation.Faults.UnhealthyPerInstanceHour, Seed = simulation.Seed })
            .ToList();
        await Task.WhenAll(instances.Select(i => Instance(i.InstanceId).InitializeAsync(i)));
        await TellLoadBalancersAsync(null, model);

        S.Settings = simulation;
        S.Resource = ResourceDocument.WithCapacity(resource, model.Capacity).ToJsonString();
        S.Model = model;
        S.ModelVersion = 1;
        S.Models = new() { [1] = model };
        S.TimeCreated = now;
        S.NextInstanceId = model.Capacity;
        foreach (var instance in instances)
        {
            SetSummary(instance.ToSummary());
        }

        RecordTimeline();
        var operation = NewOperation("CreateOrUpdate") with { Status = "Succeeded", EndTime = now };
        S.Operations.Add(operation);
        await store.WriteStateAsync();
        await GrainFactory.GetGrain<IScaleSetRegistryGrain>(GrainKeys.Registry).AddAsync(Name);
        await FollowImageAsync();
        Audit("CreateOrUpdate", "Succeeded", message: $"{model.Capacity} instance(s), {model.EffectiveUpgradeMode} mode, image {image.Image}");
        return operation;
    }

    /// <inheritdoc/>
    public Task<OperationStatus> UpdateAsync(string mergePatchJson, CancellationToken cancellationToken = default) =>
        AuditedAsync("Update", () => PatchAsync(mergePatchJson));

    private async Task<OperationStatus> PatchAsync(string mergePatchJson)
    {
        var patch = ParseObject(string.IsNullOrWhiteSpace(mergePatchJson) ? "{}" : mergePatchJson, "the patch");
        var current = ScaleSetModelReader.ParseObject(S.Resource ?? throw NotFound());
        EnsureNameMatches(patch);
        try
        {
            GenericUpdate.CheckMergePatch(current, patch, Name);
        }
        catch (GenericUpdateException e)
        {
            throw new AzureException("InvalidRequestContent", e.Message);
        }

        var merged = (JsonObject)JsonMergePatch.Apply(current, patch)!;
        if (ResourceDocument.UpdateProblem(current, merged) is { } problem)
        {
            throw AzureException.From([problem]);
        }

        return await ApplyResourceAsync(ResourceDocument.Normalise(merged, Name), "Update");
    }

    /// <inheritdoc/>
    public Task<string> GetAsync(CancellationToken cancellationToken = default)
    {
        var resource = ScaleSetModelReader.ParseObject(S.Resource ?? throw NotFound());
        var busy = S.Run is not null || S.ScaleWaits.Count > 0;
        var rendered = ResourceDocument.Render(resource, Name, S.Instances.Count, ScaleSetProvisioning.State(busy, S.Operations, S.Runs), UniqueId(), S.TimeCreated);
        return Task.FromResult(rendered.ToJsonString(VmssGrains.Abstractions.Json.JsonText.Indented));
    }

    /// <inheritdoc/>
    public Task<bool> ExistsAsync() => Task.FromResult(S.Exists);

    /// <inheritdoc/>
    public Task DeleteAsync(CancellationToken cancellationToken = default) => AuditedAsync("Delete", DeleteCoreAsync);

    private async Task DeleteCoreAsync()
    {
        _ = Model;
        foreach (var instance in S.Instances.Values)
        {
            Telemetry.VmssTelemetry.Instances.Add(-1, InstanceTags(instance));
        }

        if (S.Run is { IsEnded: false } running)
        {
            EndSpan(batchSpan, time.Now, "deleted");
            EndSpan(runSpan, time.Now, "deleted");
            (batchSpan, runSpan) = (null, null);
            Audit("RunCancelled", "Cancelled", running.RunId, message: "the scale set was deleted", caller: "Platform");
        }

        await TellLoadBalancersAsync(Model, null);
        await Task.WhenAll(S.Instances.Keys.Select(id => Instance(id).RemoveAsync()));
        if (S.Run is { IsEnded: false })
        {
            monitor?.RunEnded();
        }

        if (S.FollowedImage is { } followed)
        {
            await GrainFactory.GetGrain<IImageGalleryGrain>(GrainKeys.Gallery).FollowAsync(followed, Name, follow: false);
        }

        DropRepairChecks();
        time.Clear();
        await store.ClearStateAsync();
        store.State = new ScaleSetState();
        counts = default;
        await GrainFactory.GetGrain<IScaleSetRegistryGrain>(GrainKeys.Registry).RemoveAsync(Name);
        Audit("Delete", "Succeeded");
    }

    /// <inheritdoc/>
    public Task<OperationStatus> ScaleAsync(int capacity, CancellationToken cancellationToken = default) =>
        AuditedAsync("Scale", () => ScaleCoreAsync(capacity));

    private async Task<OperationStatus> ScaleCoreAsync(int capacity)
    {
        _ = Model;
        if (capacity is < 0 or > ScaleSetModelReader.MaxCapacity)
        {
            throw new AzureException("InvalidParameter", $"sku.capacity: {capacity} is out of range: allowed 0–{ScaleSetModelReader.MaxCapacity}", "sku.capacity");
        }

        var resource = ResourceDocument.WithCapacity(ScaleSetModelReader.ParseObject(S.Resource!), capacity);
        S.Resource = resource.ToJsonString();
        S.Model = Model with { Capacity = capacity };
        var operation = NewOperation("Scale");
        S.Operations.Add(operation);
        Audit("Scale", "Accepted", message: $"sku.capacity {S.Instances.Count} → {capacity}");
        await ScaleToAsync(capacity, operation.Name);
        await TellLoadBalancersAsync(null, Model);
        await store.WriteStateAsync();
        return Operation(operation.Name);
    }

    /// <inheritdoc/>
    public Task<OperationStatus> StartOSUpgradeAsync(CancellationToken cancellationToken = default) =>
        AuditedAsync("StartOSUpgrade", StartOSUpgradeCoreAsync);

    private async Task<OperationStatus> StartOSUpgradeCoreAsync()
    {
        EnsureNoRun("OSRollingUpgrade");
        var target = (await ResolveAsync(Model.Image)).Image;
        var operation = NewOperation("OSRollingUpgrade");
        S.Operations.Add(operation);
        Audit("StartOSUpgrade", "Accepted", message: $"target image {target}");
        await StartRunAsync(RunKind.OSUpgrade, gated: true, RunScope.NotOnImage(S.Instances.Values, target), operation.Name, target, "User");
        await store.WriteStateAsync();
        return Operation(operation.Name);
    }

    /// <inheritdoc/>
    public Task<OperationStatus> StartExtensionUpgradeAsync(CancellationToken cancellationToken = default) =>
        AuditedAsync("StartExtensionUpgrade", StartExtensionUpgradeCoreAsync);

    private async Task<OperationStatus> StartExtensionUpgradeCoreAsync()
    {
        EnsureNoRun("ExtensionRollingUpgrade");
        var operation = NewOperation("ExtensionRollingUpgrade");
        S.Operations.Add(operation);
        Audit("StartExtensionUpgrade", "Accepted");
        await StartRunAsync(RunKind.ExtensionUpgrade, gated: true, RunScope.All(S.Instances.Values), operation.Name, null, "User");
        await store.WriteStateAsync();
        return Operation(operation.Name);
    }

    /// <inheritdoc/>
    public Task CancelRollingUpgradeAsync(CancellationToken cancellationToken = default) => AuditedAsync("Cancel", CancelCoreAsync);

    private async Task CancelCoreAsync()
    {
        _ = Model;
        if (S.Run is not { Gated: true, IsEnded: false } run)
        {
            throw new AzureException("OperationNotAllowed", $"There is no rolling upgrade in progress on scale set '{Name}' to cancel.");
        }

        Audit("Cancel", "Accepted", run.RunId);
        await ExecuteAsync(RollingUpgradeMachine.Handle(run, new CancelRequested(), S.Instances, time.Now));
    }

    /// <inheritdoc/>
    public Task<RunRecord?> GetLatestRollingUpgradeAsync(CancellationToken cancellationToken = default)
    {
        _ = Model;
        return Task.FromResult(S.LatestRollingRun >= 0 ? S.Runs[S.LatestRollingRun] : null);
    }

    /// <inheritdoc/>
    public Task<OperationStatus> UpdateInstancesAsync(ImmutableArray<string> instanceIds, CancellationToken cancellationToken = default) =>
        AuditedAsync("UpdateInstances", () => UpdateInstancesCoreAsync(instanceIds));

    private async Task<OperationStatus> UpdateInstancesCoreAsync(ImmutableArray<string> instanceIds)
    {
        EnsureInstances(instanceIds, required: true);
        EnsureNoRun("UpdateInstances");
        var operation = NewOperation("UpdateInstances");
        S.Operations.Add(operation);
        Audit("UpdateInstances", "Accepted", message: $"instances {string.Join(", ", instanceIds)}");
        var scope = instanceIds.Distinct().Where(id => S.Instances[id].ModelVersion != S.ModelVersion && !S.Instances[id].Busy).Order(InstanceOrder.Instance).ToImmutableArray();
        await StartRunAsync(RunKind.ManualUpgrade, gated: false, scope, operation.Name, null, "User");
        await store.WriteStateAsync();
        return Operation(operation.Name);
    }

    /// <inheritdoc/>
    public Task<OperationStatus> ReimageAsync(ImmutableArray<string> instanceIds, bool all, CancellationToken cancellationToken = default) =>
        AuditedAsync(all ? "ReimageAll" : "Reimage", () => ReimageCoreAsync(instanceIds, all));

    private async Task<OperationStatus> ReimageCoreAsync(ImmutableArray<string> instanceIds, bool all)
    {
        EnsureInstances(instanceIds, required: false);
        if (all && Model.OrchestrationMode == OrchestrationMode.Flexible)
        {
            throw new AzureException("OperationNotAllowed", "Reimage-all is not supported for scale sets in Flexible orchestration mode.");
        }

        var name = all ? "ReimageAll" : "Reimage";
        EnsureNoRun(name);
        var operation = NewOperation(name);
        S.Operations.Add(operation);
        Audit(name, "Accepted", message: instanceIds.IsDefaultOrEmpty ? "all instances" : $"instances {string.Join(", ", instanceIds)}");

        // Without ids the whole scale set is reimaged: a scale-set action that protected instances are spared from.
        var scope = instanceIds.IsDefaultOrEmpty
            ? RunScope.All(S.Instances.Values)
            : [.. instanceIds.Distinct().Where(id => !S.Instances[id].Busy).Order(InstanceOrder.Instance)];
        await StartRunAsync(all ? RunKind.ReimageAll : RunKind.Reimage, gated: false, scope, operation.Name, null, "User");
        await store.WriteStateAsync();
        return Operation(operation.Name);
    }

    /// <inheritdoc/>
    public Task SetProtectionPolicyAsync(ImmutableArray<string> instanceIds, bool protectFromScaleIn, bool protectFromScaleSetActions, CancellationToken cancellationToken = default) =>
        AuditedAsync("SetProtectionPolicy", () => SetProtectionCoreAsync(instanceIds, protectFromScaleIn, protectFromScaleSetActions));

    private async Task SetProtectionCoreAsync(ImmutableArray<string> instanceIds, bool protectFromScaleIn, bool protectFromScaleSetActions)
    {
        EnsureInstances(instanceIds, required: true);
        if (protectFromScaleSetActions && !protectFromScaleIn)
        {
            throw new AzureException(
                "InvalidParameter",
                "protectionPolicy.protectFromScaleSetActions: true requires protectFromScaleIn: true (Azure rejects protection from scale-set actions without protection from scale-in)",
                "protectionPolicy.protectFromScaleSetActions");
        }

        await Task.WhenAll(instanceIds.Distinct().Select(id => Instance(id).SetProtectionAsync(protectFromScaleIn, protectFromScaleSetActions)));
        foreach (var id in instanceIds.Distinct())
        {
            SetSummary(S.Instances[id] with { ProtectFromScaleIn = protectFromScaleIn, ProtectFromScaleSetActions = protectFromScaleSetActions });
            Audit("SetProtectionPolicy", "Succeeded", instanceId: id, message: $"protectFromScaleIn {protectFromScaleIn}, protectFromScaleSetActions {protectFromScaleSetActions}");
        }

        // An instance whose protection was lifted may be due for repair now, or later.
        await CheckRepairsAsync();
        await store.WriteStateAsync();
    }

    /// <inheritdoc/>
    public Task<ImmutableArray<InstanceSummary>> ListInstancesAsync(CancellationToken cancellationToken = default)
    {
        _ = Model;
        return Task.FromResult(S.Instances.Values.OrderBy(i => i.InstanceId, InstanceOrder.Instance).ToImmutableArray());
    }

    /// <inheritdoc/>
    public Task<ScaleSetSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult(new ScaleSetSnapshot
        {
            Name = Name,
            ModelVersion = S.ModelVersion,
            Model = Model,
            Runs = [.. S.Runs],
            Timeline = [.. S.Timeline],
            Instances = [.. S.Instances.Values.OrderBy(i => i.InstanceId, InstanceOrder.Instance)],
            LatestRollingRun = S.LatestRollingRun,
            Operations = [.. S.Operations],
            Repairs = [.. S.RepairHistory],
        });

    /// <inheritdoc/>
    public Task<bool> IsSettledAsync() =>
        Task.FromResult(S.Run is null && S.ScaleWaits.Count == 0 && !S.Instances.Values.Any(i => i.Busy || i.Settling));

    /// <inheritdoc/>
    public Task<OperationStatus> GetOperationAsync(string name, CancellationToken cancellationToken = default) => Task.FromResult(Operation(name));

    /// <inheritdoc/>
    public Task AddFaultsAsync(FaultRules faults, CancellationToken cancellationToken = default)
    {
        _ = Model;
        S.Settings = S.Settings with { Faults = S.Settings.Faults.Add(faults) };
        return store.WriteStateAsync();
    }

    /// <inheritdoc/>
    public Task SetUnhealthyAsync(ImmutableArray<string> instanceIds, bool unhealthy, CancellationToken cancellationToken = default) =>
        AuditedAsync("Fault", async () =>
        {
            EnsureInstances(instanceIds, required: true);
            await Task.WhenAll(instanceIds.Distinct().Select(id => Instance(id).SetUnhealthyAsync(unhealthy)));
            foreach (var id in instanceIds.Distinct())
            {
                Audit("Fault", unhealthy ? "Unhealthy" : "Healed", instanceId: id);
            }
        });

    private static JsonObject ParseObject(string json, string what)
    {
        try
        {
            return ScaleSetModelReader.ParseObject(json);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new AzureException("InvalidRequestContent", $"{what} is not a valid JSON object: {e.Message}");
        }
    }

    private void EnsureNameMatches(JsonObject document)
    {
        if (document.TryGetPropertyValue("name", out var node) && node is JsonValue v && v.TryGetValue(out string? name) && !string.Equals(name, Name, StringComparison.OrdinalIgnoreCase))
        {
            throw new AzureException("InvalidParameter", $"name: the resource says '{name}' but the request is for scale set '{Name}'", "name");
        }
    }

    private ScaleSetModel ReadModel(JsonObject resource)
    {
        var model = ScaleSetModelReader.Read(Name, resource, out var errors);
        return model ?? throw AzureException.From(errors);
    }

    /// <summary>
    /// Every gallery image the resource references (<see cref="ScaleSetModelReader.References"/>) is known to the gallery,
    /// at its pinned version: Azure's <c>GalleryImageNotFound</c> / <c>GalleryImageVersionNotFound</c> naming the property
    /// otherwise. Called before anything changes.
    /// </summary>
    private async Task EnsureImagesExistAsync(JsonObject resource)
    {
        foreach (var reference in ScaleSetModelReader.References(resource).Where(r => r.Kind == ReferenceKind.GalleryImage))
        {
            try
            {
                await ResolveAsync(reference.Image!);
            }
            catch (AzureException e) when (e.Target is null && e.Code is ReferenceRules.GalleryImageNotFound or ReferenceRules.GalleryImageVersionNotFound)
            {
                throw new AzureException(e.Code, $"{reference.Target}: {e.Message}", reference.Target);
            }
        }
    }

    private void EnsureInstances(ImmutableArray<string> instanceIds, bool required)
    {
        _ = Model;
        if (required && instanceIds.IsDefaultOrEmpty)
        {
            throw new AzureException("InvalidParameter", "instanceIds: at least one instance id is required", "instanceIds");
        }

        foreach (var id in instanceIds.IsDefault ? [] : instanceIds)
        {
            if (!S.Instances.ContainsKey(id))
            {
                throw new AzureException("NotFound", $"instanceIds: instance '{id}' does not exist in scale set '{Name}' (instances: {Describe(S.Instances.Keys)})", "instanceIds");
            }
        }
    }

    private static string Describe(IEnumerable<string> ids)
    {
        var sorted = ids.Order(InstanceOrder.Instance).ToList();
        return sorted.Count switch
        {
            0 => "none",
            <= 8 => string.Join(", ", sorted),
            _ => $"{sorted[0]}–{sorted[^1]}, {sorted.Count} in all",
        };
    }

    private void EnsureNoRun(string operation)
    {
        _ = Model;
        if (S.Run is { IsEnded: false } run)
        {
            throw AzureException.Conflict($"Operation '{operation}' is not allowed on scale set '{Name}' while its {run.Kind} run ({run.RunId}) is in progress. Cancel it or wait for it to end.");
        }
    }

    private AzureException NotFound() =>
        AzureException.NotFound($"The Resource 'Microsoft.Compute/virtualMachineScaleSets/{Name}' under resource group '{ResourceDocument.ResourceGroup}' was not found.");

    private IVmInstanceGrain Instance(string instanceId) => GrainFactory.GetGrain<IVmInstanceGrain>(GrainKeys.Instance(Name, instanceId));

    private string UniqueId() => DeterministicGuid("uniqueId");

    private string DeterministicGuid(string purpose, int serial = 0)
    {
        var a = SeedHash.Of(S.Settings.Seed, Name, purpose, serial.ToString(CultureInfo.InvariantCulture));
        var b = SeedHash.Of(a == 0 ? 1 : (long)a, purpose);
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, a);
        BitConverter.TryWriteBytes(bytes[8..], b);
        return new Guid(bytes).ToString();
    }

    private OperationStatus NewOperation(string operation) =>
        new() { Name = DeterministicGuid("operation", ++S.Serial), Operation = operation, StartTime = time.Now };

    private OperationStatus Operation(string name) =>
        S.Operations.FirstOrDefault(o => o.Name == name) ?? throw AzureException.NotFound($"operation '{name}' was not found on scale set '{Name}'");

    private void CompleteOperation(string name, string status, RunError? error = null)
    {
        var index = S.Operations.FindIndex(o => o.Name == name);
        if (index >= 0 && !S.Operations[index].IsDone)
        {
            S.Operations[index] = S.Operations[index] with { Status = status, EndTime = time.Now, ErrorCode = error?.Code, ErrorMessage = error?.Message };
        }
    }
}
