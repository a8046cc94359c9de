using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using VmssGrains.Domain.Azure;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Time;

namespace VmssGrains.Simulation.Scenarios;

/// <summary>
/// Builds the scenario of <c>what-if</c> (docs/contracts.md#what-if): the scale set as the engineer's Azure document
/// gives it, its load balancers and health probe from its own references, its image now and after the change, the
/// default timing profile, and the change itself at PT0S as the engineer would make it — an <c>update</c> of the model
/// (az's generic update: <c>--set</c>, and <c>--image-version</c> as a set of the image reference), or, for a gallery
/// image that follows <c>latest</c> under automatic OS upgrades, the publication of the new version. What follows
/// is the upgrade mode's business. Pure: no I/O; the scenario it returns is the file, read back by <see cref="ScenarioReader"/>.
/// </summary>
public static class WhatIfScenario
{
    /// <summary>The seed of the scenario it writes.</summary>
    public const long Seed = 0;

    /// <summary>Builds the scenario of <paramref name="request"/>.</summary>
    /// <exception cref="WhatIfException">
    /// No scale set in the document, one Azure would refuse, one without instances, nothing to change,
    /// an image version that is not a version or the one already running, a <c>--set</c> path that does not exist,
    /// or a change the scale set would refuse. One line naming the input.
    /// </exception>
    public static WhatIfPlan Build(WhatIfRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (name, resource, model, missing) = ReadScaleSet(request);
        if (request.ImageVersion is { } version && WhatIfImage.VersionProblem(version) is { } problem)
        {
            throw new WhatIfException($"--image-version: {problem}");
        }

        if (request.ImageVersion is null && request.Sets.IsEmpty)
        {
            throw new WhatIfException("nothing to change: give the change you are about to make, --image-version V and/or --set path=value");
        }

        // A --set of the image reference to another version of the same gallery image is the same change as --image-version.
        var target = request.ImageVersion ?? ImpliedVersion(name, resource, model, request.Sets);
        var image = WhatIfImage.Plan(name, model, target);
        var health = WhatIfHealth.Plan(resource, model);
        if (image.PinCurrent is { } pin)
        {
            resource = GenericUpdate.Apply(resource, [pin], name);
        }

        GenericUpdateOperation[] operations = [.. image.Change is { } change ? [change] : Array.Empty<GenericUpdateOperation>(), .. request.Sets];
        JsonObject patch;
        try
        {
            patch = operations.Length == 0 ? [] : GenericUpdate.Patch(resource, operations, name);
        }
        catch (GenericUpdateException e)
        {
            throw new WhatIfException(e.Message);
        }

        if (operations.Length > 0 && patch.Count == 0 && image.Publish is null)
        {
            throw new WhatIfException($"--set: the change leaves scale set '{name}' as it is; give the change you are about to make");
        }

        var actions = new JsonArray();
        if (patch.Count > 0)
        {
            actions.Add(new JsonObject { ["at"] = "PT0S", ["action"] = "update", ["scaleSet"] = name, ["patch"] = patch.DeepClone() });
        }

        if (image.Publish is { } publish)
        {
            actions.Add(publish.DeepClone());
        }

        // Null when Azure would refuse the change: ReadBack below says why.
        var changed = patch.Count == 0 ? model : ScaleSetModelReader.Read(name, GenericUpdate.Apply(resource, operations, name), out _);
        var assumptions = new List<string>
        {
            $"step durations: the simulator's default timing profile, whatever the OS ({DefaultTiming}); the scale set's JSON says nothing about how long its image takes",
        };
        assumptions.AddRange(image.Assumption is { } a ? [a] : []);
        assumptions.AddRange(health.Assumptions);
        assumptions.AddRange(missing);
        assumptions.AddRange(WhatIfFollows.Orchestration(changed ?? model) is { } flexible ? [flexible] : []);
        var changeText = Describe(patch, image.Publish, name);
        var file = new JsonObject
        {
            ["description"] = new JsonArray([(JsonNode)$"what-if from {Path.GetFileName(request.Path)}: scale set {name}", $"change at PT0S: {changeText}", .. assumptions.Select(s => (JsonNode)$"assumed: {s}")]),
            ["seed"] = Seed,
        };
        if (health.LoadBalancers.Count > 0)
        {
            file["loadBalancers"] = health.LoadBalancers;
        }

        if (image.ScenarioImage is { } entry)
        {
            file["images"] = new JsonArray(entry);
        }

        file["scaleSets"] = new JsonArray(resource);
        file["actions"] = actions;
        var scenario = ReadBack(file, request, name);
        var after = changed ?? throw new WhatIfException($"--set: scale set '{name}' would refuse the change");
        return new WhatIfPlan(name, file, scenario)
        {
            Read =
            [
                ("Scale set", ScaleSetText(name, resource, model)),
                ("Upgrade policy", PolicyText(model)),
                ("Health", health.Health),
                ("Load balancers", health.Pools),
                ("Extensions", model.Extensions.IsEmpty ? "none" : string.Join(", ", model.Extensions.Select(e => e.Name))),
                ("Image", image.Read),
            ],
            Change = changeText,
            Follows = WhatIfFollows.Describe(model, after, image.Publish is not null, target),
            Assumptions = [.. assumptions],
        };
    }

    /// <summary>
    /// The version a <c>--set</c> moves the scale set's gallery image to (its <c>imageReference.id</c> naming another
    /// version of the same image), or null: no set, another image, not a gallery image, or a set the patch below refuses.
    /// </summary>
    private static string? ImpliedVersion(string name, JsonObject resource, ScaleSetModel model, ImmutableArray<GenericUpdateOperation> sets)
    {
        if (sets.IsEmpty || model.Image.Source != ImageSource.Gallery)
        {
            return null;
        }

        try
        {
            var changed = ScaleSetModelReader.Read(name, GenericUpdate.Apply(resource, sets, name), out _);
            return changed?.Image is { Source: ImageSource.Gallery } image && image.Image == model.Image.Image && image.Version != model.Image.Version
                && image.Version != "latest" && WhatIfImage.VersionProblem(image.Version) is null
                ? image.Version
                : null;
        }
        catch (GenericUpdateException)
        {
            return null;
        }
    }

    /// <summary>The default timing profile in words.</summary>
    public const string DefaultTiming = "drain 15 s ± 5 s, reimage 3 min ± 30 s, boot 1 min ± 15 s, each extension 2 min ± 30 s, health wait timeout 5 min, image replication 10 min";

    private static (string Name, JsonObject Resource, ScaleSetModel Model, IReadOnlyList<string> Missing) ReadScaleSet(WhatIfRequest request)
    {
        IReadOnlyList<ScaleSetDocument> found;
        try
        {
            found = AzureDocuments.ScaleSets(request.Document, Path.GetFileName(request.Path), request.Parameters);
        }
        catch (AzureDocumentException e)
        {
            throw new WhatIfException($"{request.Path}: {e.Message}");
        }

        if (found.Count == 0)
        {
            throw new WhatIfException($"{request.Path}: no scale set in this document; give a scale set as az vmss show or the REST API print it");
        }

        var document = found[0];
        var name = document.SuggestedName;
        var resource = (JsonObject)document.Resource.DeepClone();
        resource["name"] = name;
        var model = ScaleSetModelReader.Read(name, resource, out var errors);
        if (model is null)
        {
            throw new WhatIfException($"{request.Path}: scale set '{name}' would be refused by Azure: ({errors[0].Code}) {errors[0]}");
        }

        if (model.Capacity == 0)
        {
            throw new WhatIfException($"{request.Path}: scale set '{name}' has sku.capacity 0: there is no instance to upgrade");
        }

        return (name, resource, model, WhatIfMissing.Describe(document, model));
    }

    private static Scenario ReadBack(JsonObject file, WhatIfRequest request, string name)
    {
        try
        {
            return ScenarioReader.Read(file.ToJsonString());
        }
        catch (ScenarioException e)
        {
            const string patch = "$.actions[0].patch.";
            var flag = request.Sets.IsEmpty ? "--image-version" : "--set";
            throw new WhatIfException(e.Path.StartsWith(patch, StringComparison.Ordinal)
                ? $"{flag}: scale set '{name}' would refuse the change: {e.Path[patch.Length..]}: {e.Problem}"
                : $"{request.Path}: scale set '{name}': {e.Message}");
        }
    }

    private static string Describe(JsonObject patch, JsonObject? publish, string name)
    {
        var parts = new List<string>();
        if (patch.Count > 0)
        {
            parts.Add($"update of scale set {name}, the merge patch {patch.ToJsonString()}");
        }

        if (publish is not null)
        {
            parts.Add($"publication of version {publish["version"]} of gallery image {publish["image"]}");
        }

        return string.Join("; then ", parts);
    }

    private static string ScaleSetText(string name, JsonObject resource, ScaleSetModel model)
    {
        var sku = resource["sku"] is JsonObject o && o["name"] is JsonValue v && v.TryGetValue(out string? s) ? $" × {s}" : "";
        var zones = model.Zones.IsEmpty ? "regional" : $"zones {string.Join(' ', model.Zones)}";
        return string.Create(CultureInfo.InvariantCulture, $"{name} ({model.Location}, {model.OrchestrationMode}, {model.Capacity} instances{sku}, {zones})");
    }

    private static string PolicyText(ScaleSetModel model)
    {
        var mode = model.UpgradePolicy.Mode.ToString();
        var rolling = model.UpgradePolicy.RollingUpgradePolicy;
        var text = model.UpgradePolicy.Mode != UpgradeMode.Rolling ? mode : string.Create(
            CultureInfo.InvariantCulture,
            $"Rolling: batches of {rolling.MaxBatchInstancePercent} % ({rolling.BatchSize(model.Capacity)} of {model.Capacity}), max unhealthy {rolling.MaxUnhealthyInstancePercent} %, max unhealthy upgraded {rolling.MaxUnhealthyUpgradedInstancePercent} %, pause {IsoDuration.Format(rolling.PauseTimeBetweenBatches)}{(rolling.MaxSurge ? ", maxSurge" : "")}{(rolling.EnableCrossZoneUpgrade ? ", cross-zone" : "")}");
        text = model.UpgradePolicy.AutomaticOSUpgradePolicy.EnableAutomaticOSUpgrade ? $"{text}; automatic OS upgrades on" : text;
        return model.EffectiveUpgradeMode == model.UpgradePolicy.Mode ? text : $"{text} (effectively {model.EffectiveUpgradeMode}: orchestrationMode {model.OrchestrationMode})";
    }
}
