using System.Collections.Immutable;
using System.Text.Json.Nodes;
using VmssGrains.Domain.Fleet;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Naming;
using VmssGrains.Domain.Rolling;

namespace VmssGrains.Domain.ScaleSets;

/// <summary>Requests: create, update, scale, start and cancel runs, protection, delete (docs/behaviour.md#operations).</summary>
internal sealed partial class ScaleSetDecision
{
    private OperationStatus Put(string resourceJson, SimulationSettings? settings)
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

            return ApplyResource(resource, "CreateOrUpdate");
        }

        return Create(resource, settings ?? new SimulationSettings());
    }

    private OperationStatus Create(JsonObject resource, SimulationSettings settings)
    {
        var model = ReadModel(resource);
        EnsureImagesExist(resource);
        var image = Resolve(model.Image);
        S = S with
        {
            Generation = S.Generation + 1,
            Profiles = [settings.ToProfile(Name, S.Generation + 1)],
            Resource = ResourceDocument.WithCapacity(resource, model.Capacity).ToJsonString(),
            Model = model,
            ModelVersion = 1,
            Models = ImmutableDictionary<int, ScaleSetModel>.Empty.Add(1, model),
            TimeCreated = Now,
            NextInstanceId = model.Capacity,
        };
        foreach (var p in FleetPlanner.PlaceNew([], model.Capacity, model.Zones, model.PlatformFaultDomainCount, 0))
        {
            var spec = new InstanceSpec
            {
                InstanceId = p.InstanceId,
                Zone = p.Zone,
                FaultDomain = p.FaultDomain,
                Image = image.Image,
                ModelVersion = 1,
                Deployed = true,
                LoadBalancers = model.AllLoadBalancers,
            };
            Commands.Add(new CreateInstance(spec));
            SetSummary(spec.NewInstance(Name, model.Extensions, S.Profile!.Key, Now).ToSummary());
        }

        TellLoadBalancers(null, model);
        var operation = NewOperation("CreateOrUpdate");
        CompleteOperation(operation.Name, "Succeeded");
        Commands.Add(new Register(true));
        FollowImage();
        Audit("CreateOrUpdate", "Succeeded", message: $"{model.Capacity} instance(s), {model.EffectiveUpgradeMode} mode, image {image.Image}");
        return Operation(operation.Name);
    }

    private OperationStatus Patch(string mergePatchJson)
    {
        var patch = ParseObject(string.IsNullOrWhiteSpace(mergePatchJson) ? "{}" : mergePatchJson, "the patch");
        var current = ScaleSetModelReader.ParseObject(S.Resource ?? throw NotFound());
        EnsureNameMatches(patch);
        if (ResourceUpdate.Apply(current, patch, Name, out var merged, out _, out _) is { IsEmpty: false } problems)
        {
            throw AzureException.From(problems);
        }

        return ApplyResource(ResourceDocument.Normalise(merged, Name), "Update");
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
    /// Every gallery image the resource references (<see cref="ScaleSetModelReader.References"/>) is in the catalog at its
    /// pinned version: Azure's <c>GalleryImageNotFound</c> / <c>GalleryImageVersionNotFound</c> naming the property otherwise.
    /// </summary>
    private void EnsureImagesExist(JsonObject resource)
    {
        foreach (var reference in ScaleSetModelReader.References(resource).Where(r => r.Kind == ReferenceKind.GalleryImage))
        {
            if (S.Catalog.Problem(reference.Image!, null, "the gallery") is { } missing)
            {
                throw new AzureException(missing.Code, $"{reference.Target}: {missing}", reference.Target);
            }
        }
    }

    private OperationStatus ApplyResource(JsonObject resource, string operationName)
    {
        var model = ReadModel(resource);
        EnsureNoRun(operationName);
        EnsureImagesExist(resource);
        var previous = Model;
        var operation = NewOperation(operationName);
        S = S with { Resource = ResourceDocument.WithCapacity(resource, model.Capacity).ToJsonString(), Model = model };
        if (model.ProfileFingerprint != previous.ProfileFingerprint)
        {
            NewModelVersion(model);
        }

        Audit(operationName, "Accepted", message: $"model version {S.ModelVersion}, {model.EffectiveUpgradeMode} mode");
        FollowImage();
        if (model.Capacity != S.Instances.Count)
        {
            ScaleTo(model.Capacity, null);
        }

        TellLoadBalancers(previous, model);
        switch (model.EffectiveUpgradeMode)
        {
            case UpgradeMode.Rolling:
                // Every model update, even an empty one, starts a new run over the stale instances.
                StartRun(RunKind.RollingUpgrade, gated: true, RunScope.Stale(S.Instances.Values, S.ModelVersion), operation.Name, null, "User");
                break;
            case UpgradeMode.Automatic when RunScope.Stale(S.Instances.Values, S.ModelVersion) is { IsEmpty: false } stale:
                StartRun(RunKind.Automatic, gated: false, stale, operation.Name, null, "User");
                break;
            default:
                CompleteOperation(operation.Name, "Succeeded");
                break;
        }

        return Operation(operation.Name);
    }

    private OperationStatus Scale(int capacity)
    {
        _ = Model;
        if (ResourceUpdate.CapacityProblem(capacity) is { } outOfRange)
        {
            throw AzureException.From([outOfRange]);
        }

        S = S with
        {
            Resource = ResourceDocument.WithCapacity(ScaleSetModelReader.ParseObject(S.Resource!), capacity).ToJsonString(),
            Model = Model with { Capacity = capacity },
        };
        var operation = NewOperation("Scale");
        Audit("Scale", "Accepted", message: $"sku.capacity {S.Instances.Count} → {capacity}");
        ScaleTo(capacity, operation.Name);
        TellLoadBalancers(null, Model);
        return Operation(operation.Name);
    }

    private OperationStatus StartOSUpgrade()
    {
        EnsureNoRun("OSRollingUpgrade");
        var target = Resolve(Model.Image).Image;
        var operation = NewOperation("OSRollingUpgrade");
        Audit("StartOSUpgrade", "Accepted", message: $"target image {target}");
        StartRun(RunKind.OSUpgrade, gated: true, RunScope.NotOnImage(S.Instances.Values, target), operation.Name, target, "User");
        return Operation(operation.Name);
    }

    private OperationStatus StartExtensionUpgrade()
    {
        EnsureNoRun("ExtensionRollingUpgrade");
        var operation = NewOperation("ExtensionRollingUpgrade");
        Audit("StartExtensionUpgrade", "Accepted");
        StartRun(RunKind.ExtensionUpgrade, gated: true, RunScope.All(S.Instances.Values), operation.Name, null, "User");
        return Operation(operation.Name);
    }

    private void Cancel()
    {
        _ = Model;
        if (S.Run is not { Gated: true, IsEnded: false } run)
        {
            throw new AzureException("OperationNotAllowed", $"There is no rolling upgrade in progress on scale set '{Name}' to cancel.");
        }

        Audit("Cancel", "Accepted", run.RunId);
        Execute(RollingUpgradeMachine.Handle(run, new CancelRequested(), S.Instances, Now));
    }

    private OperationStatus UpdateInstances(ImmutableArray<string> instanceIds)
    {
        EnsureInstances(instanceIds, required: true);
        EnsureNoRun("UpdateInstances");
        var operation = NewOperation("UpdateInstances");
        Audit("UpdateInstances", "Accepted", message: $"instances {string.Join(", ", instanceIds)}");
        var scope = instanceIds.Distinct().Where(id => S.Instances[id].ModelVersion != S.ModelVersion && !S.Instances[id].Busy).Order(InstanceOrder.Instance).ToImmutableArray();
        StartRun(RunKind.ManualUpgrade, gated: false, scope, operation.Name, null, "User");
        return Operation(operation.Name);
    }

    private OperationStatus Reimage(ImmutableArray<string> instanceIds, bool all)
    {
        EnsureInstances(instanceIds, required: false);
        if (all && Model.OrchestrationMode == OrchestrationMode.Flexible)
        {
            throw new AzureException("OperationNotAllowed", "Reimage-all is not supported for scale sets in Flexible orchestration mode.");
        }

        var name = all ? "ReimageAll" : "Reimage";
        EnsureNoRun(name);
        var operation = NewOperation(name);
        Audit(name, "Accepted", message: instanceIds.IsDefaultOrEmpty ? "all instances" : $"instances {string.Join(", ", instanceIds)}");

        // Without ids the whole scale set is reimaged: a scale-set action that protected instances are spared from.
        var scope = instanceIds.IsDefaultOrEmpty
            ? RunScope.All(S.Instances.Values)
            : [.. instanceIds.Distinct().Where(id => !S.Instances[id].Busy).Order(InstanceOrder.Instance)];
        StartRun(all ? RunKind.ReimageAll : RunKind.Reimage, gated: false, scope, operation.Name, null, "User");
        return Operation(operation.Name);
    }

    private void SetProtection(ImmutableArray<string> instanceIds, bool protectFromScaleIn, bool protectFromScaleSetActions)
    {
        EnsureInstances(instanceIds, required: true);
        if (ResourceUpdate.ProtectionProblem(protectFromScaleIn, protectFromScaleSetActions) is { } problem)
        {
            throw AzureException.From([problem]);
        }

        foreach (var id in instanceIds.Distinct())
        {
            Commands.Add(new SetInstanceProtection(id, protectFromScaleIn, protectFromScaleSetActions));
        }

        foreach (var id in instanceIds.Distinct())
        {
            SetSummary(S.Instances[id] with { ProtectFromScaleIn = protectFromScaleIn, ProtectFromScaleSetActions = protectFromScaleSetActions });
            Audit("SetProtectionPolicy", "Succeeded", instanceId: id, message: $"protectFromScaleIn {protectFromScaleIn}, protectFromScaleSetActions {protectFromScaleSetActions}");
        }

        // An instance whose protection was lifted may be due for repair now, or later.
        CheckRepairs();
    }

    private void SetUnhealthy(ImmutableArray<string> instanceIds, bool unhealthy)
    {
        EnsureInstances(instanceIds, required: true);
        foreach (var id in instanceIds.Distinct())
        {
            Commands.Add(new SetInstanceUnhealthy(id, unhealthy));
        }

        foreach (var id in instanceIds.Distinct())
        {
            Audit("Fault", unhealthy ? "Unhealthy" : "Healed", instanceId: id);
        }
    }

    private void Delete()
    {
        _ = Model;
        foreach (var instance in S.Instances.Values)
        {
            Commands.Add(new InstanceChanged(instance, instance.ModelVersion == S.ModelVersion, null, false));
        }

        if (S.Run is { IsEnded: false } running)
        {
            Commands.Add(new RunDeleted(running));
            Audit("RunCancelled", "Cancelled", running.RunId, message: "the scale set was deleted", caller: "Platform");
        }

        TellLoadBalancers(Model, null);
        foreach (var id in S.Instances.Keys)
        {
            Commands.Add(new RemoveInstance(id));
        }

        if (S.FollowedImage is { } followed)
        {
            Commands.Add(new FollowImage(followed, null));
        }

        Commands.Add(new ClearWakeUps());
        S = S.AfterDelete();
        Commands.Add(new Register(false));
        Audit("Delete", "Succeeded");
    }

    /// <summary>
    /// Tells each load balancer behind <paramref name="current"/> (backend pools and the probe's) the capacity it asks
    /// (<see cref="Load.InServiceCapacity.Target"/>: <c>sku.capacity</c> less the instances a scale-out is still creating),
    /// and 0 to those only <paramref name="previous"/> had; null stands for no model (docs/behaviour.md#target-capacity).
    /// </summary>
    private void TellLoadBalancers(ScaleSetModel? previous, ScaleSetModel? current)
    {
        var behind = current?.AllLoadBalancers ?? [];
        var capacity = current is null ? 0 : Load.InServiceCapacity.Target(current.Capacity, S.ScaleOutsCreating);
        foreach (var lb in behind)
        {
            Commands.Add(new SetTargetCapacity(lb, capacity));
        }

        foreach (var lb in (previous?.AllLoadBalancers ?? []).Except(behind, StringComparer.Ordinal))
        {
            Commands.Add(new SetTargetCapacity(lb, 0));
        }
    }
}
