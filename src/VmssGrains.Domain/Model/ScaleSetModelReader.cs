using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using VmssGrains.Domain.Randomness;

namespace VmssGrains.Domain.Model;

/// <summary>
/// Reads a scale set's Azure resource JSON (as <c>az vmss show</c> or the REST API print it) into a
/// <see cref="ScaleSetModel"/>, validating what Azure validates. Unknown properties are ignored; known
/// ones with bad values give one <see cref="ValidationError"/> each, naming the JSON path.
/// </summary>
public static partial class ScaleSetModelReader
{
    /// <summary>The largest <c>sku.capacity</c> accepted. Azure caps a scale set at 1,000 VMs; the simulator studies bigger fleets.</summary>
    public const int MaxCapacity = 1_000_000;

    /// <summary>Options for parsing user JSON: Azure property names are matched case-insensitively (PowerShell prints PascalCase).</summary>
    public static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = true };

    /// <summary>Parses JSON text into a case-insensitive node tree (<see cref="Azure.JsonInput"/>: no duplicate property, at most 64 levels deep).</summary>
    /// <exception cref="System.Text.Json.JsonException">Not valid JSON, too deep, or a property named twice (<see cref="Azure.DuplicatePropertyException"/>).</exception>
    /// <exception cref="FormatException">Valid JSON, but not an object.</exception>
    public static JsonObject ParseObject(string json) =>
        Azure.JsonInput.Parse(json, caseInsensitive: true) as JsonObject ?? throw new FormatException("the JSON document is not an object");

    /// <summary>Reads and validates; <paramref name="errors"/> is empty on success.</summary>
    public static ScaleSetModel? Read(string name, JsonObject resource, out IReadOnlyList<ValidationError> errors)
    {
        var list = new List<ValidationError>();
        errors = list;
        var f = new JsonFields(list);

        // A bare properties object (the vmss-properties output of az vmss create) is accepted too.
        var isResource = JsonFields.Get(resource, "properties") is not null || JsonFields.Get(resource, "sku") is not null;
        var properties = isResource ? JsonFields.Object(resource, "properties") : resource;
        var p = isResource ? "properties" : "";
        string At(string path) => p.Length == 0 ? path : $"{p}.{path}";

        var capacity = isResource ? f.Int(JsonFields.Object(resource, "sku"), "capacity", "sku.capacity", 0, MaxCapacity) : null;
        var zones = ReadZones(resource, list);
        var orchestration = f.Enum<OrchestrationMode>(properties, "orchestrationMode", At("orchestrationMode")) ?? OrchestrationMode.Uniform;
        var faultDomains = f.Int(properties, "platformFaultDomainCount", At("platformFaultDomainCount"), 1, 5)
            ?? (orchestration == OrchestrationMode.Uniform ? 5 : 1);

        var upgradePolicy = ReadUpgradePolicy(f, JsonFields.Object(properties, "upgradePolicy"), At("upgradePolicy"));
        var repairs = ReadRepairsPolicy(f, JsonFields.Object(properties, "automaticRepairsPolicy"), At("automaticRepairsPolicy"));

        var profile = JsonFields.Object(properties, "virtualMachineProfile");
        var profilePath = At("virtualMachineProfile");
        var image = ReadImage(f, JsonFields.Object(JsonFields.Object(profile, "storageProfile"), "imageReference"), $"{profilePath}.storageProfile.imageReference");
        var extensions = ReadExtensions(f, JsonFields.Array(JsonFields.Object(profile, "extensionProfile"), "extensions"), $"{profilePath}.extensionProfile.extensions");
        var networkProfile = JsonFields.Object(profile, "networkProfile");
        var probeId = f.String(JsonFields.Object(networkProfile, "healthProbe"), "id", $"{profilePath}.networkProfile.healthProbe.id");
        var probe = LoadBalancerReference.FromId(probeId);
        if (probeId is not null && probe is null)
        {
            list.Add(ValidationError.InvalidParameter($"{profilePath}.networkProfile.healthProbe.id", $"'{probeId}' is not a load balancer probe id (.../loadBalancers/{{name}}/probes/{{probe}})"));
        }

        var references = References(resource);
        list.AddRange(NameErrors(references));
        var simulation = JsonFields.Object(resource, "simulation");
        OnlyKnown(simulation, "simulation", ["flexibleUpgrades", "upgradedUnhealthyOverAllInstances"], list);
        var model = new ScaleSetModel
        {
            Name = name,
            Capacity = capacity ?? 2,
            Zones = zones,
            OrchestrationMode = orchestration,
            PlatformFaultDomainCount = faultDomains,
            UpgradePolicy = upgradePolicy,
            AutomaticRepairsPolicy = repairs,
            Image = image ?? new ImageReference(ImageSource.Managed, "unknown", "1"),
            Extensions = extensions,
            HealthProbe = probe,
            LoadBalancers = [.. references.Where(r => r.Kind == ReferenceKind.BackendPool).Select(r => r.LoadBalancer!.LoadBalancer).Distinct(StringComparer.Ordinal)],
            FlexibleUpgrades = f.Bool(simulation, "flexibleUpgrades", "simulation.flexibleUpgrades") ?? false,
            UpgradedUnhealthyOverAllInstances = f.Bool(simulation, "upgradedUnhealthyOverAllInstances", "simulation.upgradedUnhealthyOverAllInstances") ?? false,
            ProfileFingerprint = Fingerprint(profile),
            Location = (isResource ? f.String(resource, "location", "location") : null) ?? ResourceDocument.DefaultLocation,
            ResourceId = ResourceDocument.IdOf(resource, name),
        };

        if (profile is null)
        {
            list.Add(ValidationError.InvalidParameter(profilePath, "is required: the scale set needs a virtualMachineProfile with an imageReference"));
        }
        else if (image is null && list.Count == 0)
        {
            list.Add(ValidationError.InvalidParameter($"{profilePath}.storageProfile.imageReference", "is required: give an id, or publisher, offer, sku and version"));
        }

        ValidatePolicies(model, properties, At, list);
        return list.Count == 0 ? model : null;
    }

    /// <summary>A stable hash of a JSON subtree, independent of property order and of the case of property names.</summary>
    public static string Fingerprint(JsonNode? node) =>
        SeedHash.Of(0, Canonical(node)).ToString("x16", CultureInfo.InvariantCulture);

    private static string Canonical(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject o => "{" + string.Join(",", o.OrderBy(p => p.Key, StringComparer.OrdinalIgnoreCase).Select(p => $"{p.Key.ToLowerInvariant()}:{Canonical(p.Value)}")) + "}",
        JsonArray a => "[" + string.Join(",", a.Select(Canonical)) + "]",
        _ => node.ToJsonString(),
    };

    private static void ValidatePolicies(ScaleSetModel model, JsonObject? properties, Func<string, string> at, List<ValidationError> errors)
    {
        if (errors.Count > 0)
        {
            return;
        }

        var mode = model.EffectiveUpgradeMode;
        if (mode == UpgradeMode.Rolling && !HasUsableHealthSource(model))
        {
            errors.Add(new ValidationError(
                "BadRequest",
                at("upgradePolicy.mode"),
                model.OrchestrationMode == OrchestrationMode.Flexible
                    ? "Rolling Upgrade mode is not supported for this Virtual Machine Scale Set because a health extension was not provided (Flexible scale sets take health from the Application Health extension only)."
                    : "Rolling Upgrade mode is not supported for this Virtual Machine Scale Set because a health probe or health extension was not provided."));
        }

        if (model.AutomaticRepairsPolicy.Enabled && !HasUsableHealthSource(model))
        {
            errors.Add(new ValidationError(
                "BadRequest",
                at("automaticRepairsPolicy.enabled"),
                "Automatic repairs not supported for this Virtual Machine Scale Set because a health probe or health extension was not provided."));
        }

        var auto = model.UpgradePolicy.AutomaticOSUpgradePolicy;
        if (auto.EnableAutomaticOSUpgrade)
        {
            var target = at("upgradePolicy.automaticOSUpgradePolicy.enableAutomaticOSUpgrade");
            var probe = model.HealthProbe is not null;
            var extension = model.Extensions.Any(e => e.IsApplicationHealth);
            if (model.OrchestrationMode == OrchestrationMode.Flexible && !model.FlexibleUpgrades)
            {
                errors.Add(new ValidationError("BadRequest", target, "Automatic OS image upgrade is supported on Uniform scale sets only (orchestrationMode is Flexible)."));
            }
            else if (!probe && !extension)
            {
                errors.Add(new ValidationError("BadRequest", target, "Automatic OS Upgrade is not supported for this Virtual Machine Scale Set because a health probe or health extension was not specified."));
            }
            else if (probe && extension)
            {
                errors.Add(new ValidationError("BadRequest", target, "Automatic OS Upgrade is not supported for this Virtual Machine Scale Set because both a health probe and a health extension were provided. Remove the health probe or health extension prior to enabling automatic OS upgrade."));
            }
            else if (!model.Image.IsLatest)
            {
                errors.Add(new ValidationError("BadRequest", at("virtualMachineProfile.storageProfile.imageReference.version"), $"Automatic OS Upgrade needs an image reference with version 'latest'; this scale set is pinned to version '{model.Image.Version}'."));
            }
        }

        if (model.UpgradePolicy.RollingUpgradePolicy.RollbackFailedInstancesOnPolicyBreach && model.OrchestrationMode == OrchestrationMode.Flexible)
        {
            errors.Add(ValidationError.InvalidParameter(at("upgradePolicy.rollingUpgradePolicy.rollbackFailedInstancesOnPolicyBreach"), "is supported on Uniform scale sets only"));
        }

        _ = properties;
    }

    private static bool HasUsableHealthSource(ScaleSetModel model) =>
        model.OrchestrationMode == OrchestrationMode.Flexible ? model.Extensions.Any(e => e.IsApplicationHealth) : model.HasHealthSource;

    private static ImmutableArray<string> ReadZones(JsonObject resource, List<ValidationError> errors)
    {
        var node = JsonFields.Get(resource, "zones");
        if (node is null)
        {
            return [];
        }

        if (node is not JsonArray array || array.Any(z => z is not JsonValue v || !v.TryGetValue(out string? _)))
        {
            errors.Add(ValidationError.InvalidParameter("zones", "must be an array of zone names such as [\"1\", \"2\", \"3\"]"));
            return [];
        }

        var zones = array.Select(z => z!.GetValue<string>()).Distinct(StringComparer.Ordinal).ToList();
        zones.Sort(CompareZones);
        return [.. zones];
    }

    /// <summary>Ascending zone order: numerically when both are numbers ("2" before "10").</summary>
    public static int CompareZones(string? a, string? b)
    {
        if (int.TryParse(a, out var x) && int.TryParse(b, out var y))
        {
            return x.CompareTo(y);
        }

        return string.CompareOrdinal(a, b);
    }

    /// <summary>
    /// Reads an <c>upgradePolicy</c> object alone with the rules <see cref="Read"/> applies to it (ranges, ISO 8601
    /// durations, enums; Azure's <c>InvalidParameter</c> messages), its errors named from <paramref name="path"/>
    /// (e.g. <c>upgradePolicy.rollingUpgradePolicy.maxBatchInstancePercent</c>). Rules that need the whole scale set
    /// (a health source for Rolling) are <see cref="Read"/>'s. Returns null when <paramref name="errors"/> is not empty.
    /// </summary>
    public static UpgradePolicy? ReadUpgradePolicy(JsonObject upgradePolicy, string path, out IReadOnlyList<ValidationError> errors)
    {
        var list = new List<ValidationError>();
        errors = list;
        var policy = ReadUpgradePolicy(new JsonFields(list), upgradePolicy, path);
        return list.Count == 0 ? policy : null;
    }

    private static UpgradePolicy ReadUpgradePolicy(JsonFields f, JsonObject? node, string path)
    {
        if (node is null)
        {
            return new UpgradePolicy();
        }

        var rolling = JsonFields.Object(node, "rollingUpgradePolicy");
        var rp = $"{path}.rollingUpgradePolicy";
        var defaults = RollingUpgradePolicy.Default;
        var policy = new RollingUpgradePolicy
        {
            MaxBatchInstancePercent = f.Int(rolling, "maxBatchInstancePercent", $"{rp}.maxBatchInstancePercent", 5, 100) ?? defaults.MaxBatchInstancePercent,
            MaxUnhealthyInstancePercent = f.Int(rolling, "maxUnhealthyInstancePercent", $"{rp}.maxUnhealthyInstancePercent", 5, 100) ?? defaults.MaxUnhealthyInstancePercent,
            MaxUnhealthyUpgradedInstancePercent = f.Int(rolling, "maxUnhealthyUpgradedInstancePercent", $"{rp}.maxUnhealthyUpgradedInstancePercent", 0, 100) ?? defaults.MaxUnhealthyUpgradedInstancePercent,
            PauseTimeBetweenBatches = f.Duration(rolling, "pauseTimeBetweenBatches", $"{rp}.pauseTimeBetweenBatches") ?? TimeSpan.Zero,
            EnableCrossZoneUpgrade = f.Bool(rolling, "enableCrossZoneUpgrade", $"{rp}.enableCrossZoneUpgrade") ?? false,
            PrioritizeUnhealthyInstances = f.Bool(rolling, "prioritizeUnhealthyInstances", $"{rp}.prioritizeUnhealthyInstances") ?? false,
            RollbackFailedInstancesOnPolicyBreach = f.Bool(rolling, "rollbackFailedInstancesOnPolicyBreach", $"{rp}.rollbackFailedInstancesOnPolicyBreach") ?? false,
            MaxSurge = f.Bool(rolling, "maxSurge", $"{rp}.maxSurge") ?? false,
        };

        var auto = JsonFields.Object(node, "automaticOSUpgradePolicy");
        var ap = $"{path}.automaticOSUpgradePolicy";
        return new UpgradePolicy
        {
            Mode = f.Enum<UpgradeMode>(node, "mode", $"{path}.mode") ?? UpgradeMode.Manual,
            RollingUpgradePolicy = policy,
            AutomaticOSUpgradePolicy = new AutomaticOSUpgradePolicy
            {
                EnableAutomaticOSUpgrade = f.Bool(auto, "enableAutomaticOSUpgrade", $"{ap}.enableAutomaticOSUpgrade") ?? false,
                DisableAutomaticRollback = f.Bool(auto, "disableAutomaticRollback", $"{ap}.disableAutomaticRollback") ?? false,
                UseRollingUpgradePolicy = f.Bool(auto, "useRollingUpgradePolicy", $"{ap}.useRollingUpgradePolicy") ?? false,
                OsRollingUpgradeDeferral = f.Bool(auto, "osRollingUpgradeDeferral", $"{ap}.osRollingUpgradeDeferral") ?? false,
            },
        };
    }

    private static AutomaticRepairsPolicy ReadRepairsPolicy(JsonFields f, JsonObject? node, string path)
    {
        if (node is null)
        {
            return new AutomaticRepairsPolicy();
        }

        return new AutomaticRepairsPolicy
        {
            Enabled = f.Bool(node, "enabled", $"{path}.enabled") ?? false,
            GracePeriod = f.Duration(node, "gracePeriod", $"{path}.gracePeriod", TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(90)) ?? AutomaticRepairsPolicy.DefaultGracePeriod,
            RepairAction = f.Enum<RepairAction>(node, "repairAction", $"{path}.repairAction") ?? RepairAction.Replace,
        };
    }

    private static ImageReference? ReadImage(JsonFields f, JsonObject? node, string path)
    {
        if (node is null)
        {
            return null;
        }

        var id = f.String(node, "id", $"{path}.id")
            ?? f.String(node, "sharedGalleryImageId", $"{path}.sharedGalleryImageId")
            ?? f.String(node, "communityGalleryImageId", $"{path}.communityGalleryImageId");
        ImageReference? image;
        if (id is not null)
        {
            image = ImageReference.FromText(id);
            if (image is null)
            {
                f.Errors.Add(ValidationError.InvalidParameter($"{path}.id", $"'{id}' is not an image id (a gallery image or image version id, or publisher/offer/sku/version)"));
            }
        }
        else
        {
            var publisher = f.String(node, "publisher", $"{path}.publisher");
            var offer = f.String(node, "offer", $"{path}.offer");
            var sku = f.String(node, "sku", $"{path}.sku");
            var version = f.String(node, "version", $"{path}.version") ?? ImageReference.Latest;
            if (publisher is null || offer is null || sku is null)
            {
                f.Errors.Add(ValidationError.InvalidParameter(path, "needs an id, or publisher, offer and sku (version defaults to latest)"));
                return null;
            }

            image = ImageReference.Platform(publisher, offer, sku, version);
        }

        return image;
    }

    private static ImmutableArray<ExtensionSpec> ReadExtensions(JsonFields f, JsonArray? array, string path)
    {
        if (array is null)
        {
            return [];
        }

        var list = new List<ExtensionSpec>();
        var errorsBefore = f.Errors.Count;
        for (var i = 0; i < array.Count; i++)
        {
            var item = array[i] as JsonObject;
            var ip = $"{path}[{i}]";
            var name = f.String(item, "name", $"{ip}.name");
            if (item is null || string.IsNullOrWhiteSpace(name))
            {
                f.Errors.Add(ValidationError.InvalidParameter($"{ip}.name", "every extension needs a name"));
                continue;
            }

            if (Naming.AzureNames.Problem(Naming.NameKind.Extension, name) is { } problem)
            {
                f.Errors.Add(ValidationError.InvalidParameter($"{ip}.name", problem));
                continue;
            }

            var props = JsonFields.Object(item, "properties");
            var after = JsonFields.Array(props, "provisionAfterExtensions");
            var sim = JsonFields.Object(item, "simulation");
            var sp = $"{ip}.simulation";
            OnlyKnown(sim, sp, ["duration", "failureProbability", "idempotent", "scriptSource"], f.Errors);
            list.Add(new ExtensionSpec
            {
                Name = name,
                Publisher = f.String(props, "publisher", $"{ip}.properties.publisher") ?? "",
                Type = f.String(props, "type", $"{ip}.properties.type") ?? "",
                ProvisionAfterExtensions = after is null ? [] : [.. after.Select((a, j) => a is JsonValue v && v.TryGetValue(out string? s) ? s : Invalid(f, $"{ip}.properties.provisionAfterExtensions[{j}]", a))],
                ForceUpdateTag = f.String(props, "forceUpdateTag", $"{ip}.properties.forceUpdateTag"),
                SuppressFailures = f.Bool(props, "suppressFailures", $"{ip}.properties.suppressFailures") ?? false,
                Fingerprint = Fingerprint(props),
                Duration = f.Distribution(sim, "duration", $"{sp}.duration"),
                FailureProbability = f.Probability(sim, "failureProbability", $"{sp}.failureProbability") ?? 0,
                Idempotent = f.Bool(sim, "idempotent", $"{sp}.idempotent") ?? true,
                ScriptSource = f.String(sim, "scriptSource", $"{sp}.scriptSource"),
            });
        }

        if (f.Errors.Count > errorsBefore)
        {
            // The extensions themselves are wrong: sequencing them would only repeat the error.
            return [.. list];
        }

        var ordered = ExtensionSequencer.Order(list, path, out var error);
        if (error is not null)
        {
            f.Errors.Add(error);
        }

        return ordered;
    }

    /// <summary>
    /// The simulator's own <c>simulation</c> objects are not Azure's: a name they do not have is a typo, never a newer
    /// Azure property, so it is an error naming it (Azure's own unknown properties are ignored).
    /// </summary>
    private static void OnlyKnown(JsonObject? node, string path, string[] known, List<ValidationError> errors)
    {
        foreach (var (name, _) in node ?? [])
        {
            if (!known.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(ValidationError.InvalidParameter($"{path}.{name}", $"is not a simulation setting; allowed here: {string.Join(", ", known)}"));
            }
        }
    }

    private static string Invalid(JsonFields f, string path, JsonNode? node)
    {
        f.Errors.Add(ValidationError.InvalidParameter(path, $"must be an extension name, not {(node is null ? "null" : JsonFields.Describe(node))}"));
        return "";
    }
}
