using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using VmssGrains.Abstractions.Json;
using VmssGrains.Abstractions.Views;
using VmssGrains.Domain.Azure;
using VmssGrains.Domain.Faults;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Naming;
using VmssGrains.Domain.Planning;
using VmssGrains.Domain.Time;
using static VmssGrains.Simulation.Scenarios.JsonPath;

namespace VmssGrains.Simulation.Scenarios;

/// <summary>
/// Reads a scenario file strictly: unknown fields, fault kinds and actions are errors; scale sets are
/// Azure resources validated like Azure does; update patches are checked against the model they would
/// produce. Every error is one <see cref="ScenarioException"/> naming the JSON path.
/// </summary>
public static class ScenarioReader
{
    /// <summary>The fault kinds of a scenario (docs/contracts.md#faults).</summary>
    public static readonly ImmutableArray<string> FaultKinds =
        ["unhealthy", "unhealthyAfterUpgrade", "extensionFailure", "scriptSourceOutage", "allocationFailure", "unhealthyRate", "nonIdempotentExtension", "badImage"];

    /// <summary>The actions of a scenario (docs/contracts.md#actions).</summary>
    public static readonly ImmutableArray<string> ActionNames =
        ["update", "startOSUpgrade", "startExtensionUpgrade", "cancel", "updateInstances", "reimage", "reimageAll", "scale", "publishImageVersion", "approve", "setProtectionPolicy"];

    private static readonly string[] TopLevel = ["seed", "startTime", "loadBalancers", "images", "scaleSets", "fleets", "timing", "faults", "actions", "until", "description", "trafficGates", "strategies"];

    /// <summary>Parses and validates a scenario.</summary>
    public static Scenario Read(string json) => Read(json, null);

    /// <summary>
    /// Parses and validates a scenario with <paramref name="strategy"/>'s upgrade policy merged into every scale set's
    /// <c>upgradePolicy</c> (after fleets are expanded; docs/contracts.md#compare), then validated as the file's own.
    /// A strategy whose mode is not Rolling is refused for a scenario that starts an OS or extension upgrade
    /// (<c>startOSUpgrade</c>, <c>startExtensionUpgrade</c>): those always roll with <c>rollingUpgradePolicy</c>,
    /// whatever the mode, so the mode would compare nothing.
    /// </summary>
    public static Scenario Read(string json, UpgradeStrategy? strategy)
    {
        JsonNode? root;
        try
        {
            root = JsonInput.Parse(json, caseInsensitive: false);
        }
        catch (DuplicatePropertyException e)
        {
            throw new ScenarioException(e.JsonPath, e.Problem);
        }
        catch (JsonException e)
        {
            throw new ScenarioException("$", JsonErrors.Describe(e));
        }

        var given = Object(root, "$");
        OnlyFields(given, "$", TopLevel);
        var expansion = FleetExpansion.Expand(given);
        try
        {
            return Read(expansion.Root, strategy);
        }
        catch (ScenarioException e) when (expansion.Locate(e) is var located && !ReferenceEquals(located, e))
        {
            throw located;
        }
    }

    /// <summary>Reads a scenario whose fleets are expanded.</summary>
    private static Scenario Read(JsonObject obj, UpgradeStrategy? strategy)
    {
        var scaleSets = ReadScaleSets(obj, strategy);
        var names = scaleSets.Select(s => s.Name).ToList();
        var (faultsBySet, outagesBySet, timedFaults) = ReadFaults(obj, names);
        var actions = ReadActions(obj, names);
        var timeline = timedFaults.Concat(actions).OrderBy(a => a.At).ToImmutableArray();
        var probes = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var scenario = new Scenario
        {
            Seed = Long(obj, "seed", "$", long.MinValue, long.MaxValue) ?? 0,
            StartTime = DateTime(obj, "startTime", "$") ?? Scenario.DefaultStartTime,
            LoadBalancers = ReadLoadBalancers(obj, probes, DateTime(obj, "startTime", "$") ?? Scenario.DefaultStartTime),
            Images = ReadImages(obj),
            ScaleSets = [.. scaleSets.Select(s => s with { Faults = faultsBySet[s.Name], Outages = outagesBySet[s.Name] })],
            Timing = ReadTiming(obj),
            Actions = timeline,
            Until = Duration(obj, "until", "$"),
            Strategies = ReadStrategies(obj),
        };
        scenario = scenario with { TrafficGates = TrafficGateReader.Read(obj, names, scenario.LoadBalancers) };
        CheckStrategyMode(scenario, strategy);
        ScenarioHorizon.Check(scenario);
        CheckActionsAgainstModels(scenario, probes);
        return scenario;
    }

    private static List<ScenarioScaleSet> ReadScaleSets(JsonObject root, UpgradeStrategy? strategy)
    {
        var list = new List<ScenarioScaleSet>();
        var array = Get(root, "scaleSets") is { } node ? Array(node, "$.scaleSets") : [];
        for (var i = 0; i < array.Count; i++)
        {
            var path = $"$.scaleSets[{i}]";
            var raw = Object(array[i], path);
            var name = Name(raw, "name", path, NameKind.ScaleSet);

            if (list.Any(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ScenarioException($"{path}.name", $"scale set '{name}' is defined twice");
            }

            // Azure resources: property names match case-insensitively, unknown properties are ignored.
            var resource = ScaleSetModelReader.ParseObject(raw.ToJsonString());
            if (strategy is not null)
            {
                resource = WithUpgradePolicy(resource, strategy.Patch);
            }

            Validate(name, resource, path);
            list.Add(new ScenarioScaleSet(name, resource, FaultRules.None, []));
        }

        return list;
    }

    /// <summary>The resource with <paramref name="patch"/> merged into its <c>upgradePolicy</c> (under <c>properties</c> when it is a whole resource).</summary>
    private static JsonObject WithUpgradePolicy(JsonObject resource, JsonObject patch)
    {
        var isResource = resource.ContainsKey("properties") || resource.ContainsKey("sku");
        var wrapped = new JsonObject(ScaleSetModelReader.NodeOptions) { ["upgradePolicy"] = patch.DeepClone() };
        var change = isResource ? new JsonObject(ScaleSetModelReader.NodeOptions) { ["properties"] = wrapped } : wrapped;
        return (JsonObject)JsonMergePatch.Apply(resource, change)!;
    }

    /// <summary>The top-level <c>strategies</c>: each a <c>name</c> and upgrade policy properties (<see cref="UpgradeStrategy"/>).</summary>
    private static ImmutableArray<UpgradeStrategy> ReadStrategies(JsonObject root)
    {
        var array = Get(root, "strategies") is { } node ? Array(node, "$.strategies") : [];
        var strategies = ImmutableArray.CreateBuilder<UpgradeStrategy>();
        for (var i = 0; i < array.Count; i++)
        {
            var path = $"$.strategies[{i}]";
            var obj = Object(array[i], path);
            var name = String(obj, "name", path);
            var properties = obj.Where(p => p.Key != "name").Select(p => (p.Key, p.Value)).ToList();
            var strategy = UpgradeStrategy.Create(name, properties, out var error)
                ?? throw new ScenarioException(error!.Target is null ? $"{path}.name" : $"{path}.{error.Target}", error.Message);
            if (strategies.Any(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ScenarioException($"{path}.name", $"strategy '{name}' is defined twice");
            }

            strategies.Add(strategy);
        }

        return strategies.ToImmutable();
    }

    private static void CheckStrategyMode(Scenario scenario, UpgradeStrategy? strategy)
    {
        if (strategy?.Mode is { } mode && mode != UpgradeMode.Rolling
            && scenario.Actions.FirstOrDefault(a => a.Kind is ScenarioActionKind.StartOSUpgrade or ScenarioActionKind.StartExtensionUpgrade) is { } rolling)
        {
            throw new ScenarioException(rolling.Path, $"{rolling.Name} always rolls in batches with rollingUpgradePolicy, whatever upgradePolicy.mode says, so strategy '{strategy.Name}' (mode {mode}) would compare nothing: give this scenario Rolling strategies, or upgrade with an update action");
        }
    }

    private static ScaleSetModel Validate(string name, JsonObject resource, string path)
    {
        var model = ScaleSetModelReader.Read(name, resource, out var errors);
        if (model is null)
        {
            var first = errors[0];
            throw new ScenarioException(first.Target is null ? path : $"{path}.{first.Target}", first.Message);
        }

        return model;
    }

    /// <summary>The load balancers; <paramref name="probes"/> gets each one's probe name ("" for a probe without a name, null for none).</summary>
    private static ImmutableArray<(string, LoadBalancerConfig)> ReadLoadBalancers(JsonObject root, Dictionary<string, string?> probes, DateTimeOffset startTime)
    {
        var result = ImmutableArray.CreateBuilder<(string, LoadBalancerConfig)>();
        var array = Get(root, "loadBalancers") is { } node ? Array(node, "$.loadBalancers") : [];
        for (var i = 0; i < array.Count; i++)
        {
            var path = $"$.loadBalancers[{i}]";
            var lb = Object(array[i], path);
            OnlyFields(lb, path, "name", "probe", "load");
            var name = Name(lb, "name", path, NameKind.LoadBalancer);
            if (result.Any(r => string.Equals(r.Item1, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ScenarioException($"{path}.name", $"load balancer '{name}' is defined twice");
            }

            var config = new LoadBalancerConfig();
            if (Get(lb, "probe") is { } probeNode)
            {
                var pp = $"{path}.probe";
                var probe = Object(probeNode, pp);
                OnlyFields(probe, pp, "name", "protocol", "port", "requestPath", "intervalInSeconds", "numberOfProbes");
                probes[name] = Get(probe, "name") is null ? "" : Name(probe, "name", pp, NameKind.LoadBalancerChild);
                var protocol = OptionalString(probe, "protocol", pp) ?? "Http";
                if (protocol is not ("Http" or "Https" or "Tcp"))
                {
                    throw new ScenarioException($"{pp}.protocol", $"'{protocol}' is not one of Http, Https, Tcp");
                }

                config = config with
                {
                    Protocol = protocol,
                    Port = (int)(Long(probe, "port", pp, 1, 65535) ?? 80),
                    RequestPath = OptionalString(probe, "requestPath", pp) ?? (protocol == "Tcp" ? null : "/"),
                    IntervalInSeconds = (int)(Long(probe, "intervalInSeconds", pp, 5, 3600) ?? 5),
                    NumberOfProbes = (int)(Long(probe, "numberOfProbes", pp, 1, 100) ?? 2),
                };
            }

            if (Get(lb, "load") is { } loadNode)
            {
                config = LoadModelReader.Read(Object(loadNode, $"{path}.load"), $"{path}.load", config, startTime);
            }

            probes.TryAdd(name, null);
            result.Add((name, config));
        }

        return result.ToImmutable();
    }

    private static ImmutableArray<ScenarioImageVersion> ReadImages(JsonObject root)
    {
        var result = ImmutableArray.CreateBuilder<ScenarioImageVersion>();
        var array = Get(root, "images") is { } node ? Array(node, "$.images") : [];
        for (var i = 0; i < array.Count; i++)
        {
            var path = $"$.images[{i}]";
            var image = Object(array[i], path);
            OnlyFields(image, path, "name", "versions", "bakedInExtensions");
            var name = Name(image, "name", path, NameKind.GalleryImage);
            if (result.Any(v => string.Equals(v.Image, name, StringComparison.OrdinalIgnoreCase) && v.Image != name))
            {
                throw new ScenarioException($"{path}.name", $"image '{name}' is defined twice (image names ignore case)");
            }

            var baked = Names(image, "bakedInExtensions", path, NameKind.Extension);
            var versions = Array(Get(image, "versions") ?? throw new ScenarioException($"{path}.versions", "is required"), $"{path}.versions");
            for (var j = 0; j < versions.Count; j++)
            {
                var vp = $"{path}.versions[{j}]";
                var version = ReadImageVersion(name, versions[j], vp, baked);
                if (result.Any(v => v.Image == name && v.Version == version.Version))
                {
                    throw new ScenarioException(vp, $"version '{version.Version}' of image '{name}' is listed twice");
                }

                result.Add(version);
            }
        }

        return result.ToImmutable();
    }

    private static ScenarioImageVersion ReadImageVersion(string image, JsonNode? node, string path, IReadOnlyList<string> imageBakedIn)
    {
        if (node is JsonValue v && v.TryGetValue(out string? text) && text.Length > 0)
        {
            return AzureNames.Problem(NameKind.GalleryImageVersion, text) is { } problem
                ? throw new ScenarioException(path, problem)
                : new ScenarioImageVersion(image, text, [.. imageBakedIn], TimeSpan.Zero, null) { Path = path };
        }

        var obj = Object(node, path);
        OnlyFields(obj, path, "version", "bakedInExtensions", "publishedAt", "reimage");
        return new ScenarioImageVersion(
            image,
            Name(obj, "version", path, NameKind.GalleryImageVersion),
            [.. imageBakedIn.Concat(Names(obj, "bakedInExtensions", path, NameKind.Extension)).Distinct()],
            Duration(obj, "publishedAt", path) ?? TimeSpan.Zero,
            Get(obj, "reimage") is { } reimage ? Distribution(reimage, $"{path}.reimage") : null)
        {
            Path = path,
        };
    }

    private static TimingProfile ReadTiming(JsonObject root)
    {
        var profile = TimingProfile.Default;
        if (Get(root, "timing") is not { } node)
        {
            return profile;
        }

        var timing = Object(node, "$.timing");
        foreach (var (key, value) in timing)
        {
            var path = $"$.timing.{key}";
            if (key == "extensions")
            {
                var perExtension = Object(value, path);
                foreach (var (extension, duration) in perExtension)
                {
                    profile = profile with { Extensions = profile.Extensions.SetItem(extension, Distribution(duration!, $"{path}.{extension}")) };
                }

                continue;
            }

            if (value is null || !profile.TryWith(key, Distribution(value, path), out var updated))
            {
                throw new ScenarioException(path, $"unknown step; steps: {string.Join(", ", TimingProfile.StepNames)}, extensions");
            }

            profile = updated;
        }

        return profile;
    }

    private static (Dictionary<string, FaultRules>, Dictionary<string, ImmutableArray<ScenarioOutage>>, List<ScenarioAction>) ReadFaults(JsonObject root, List<string> scaleSets)
    {
        var rules = scaleSets.ToDictionary(s => s, _ => FaultRules.None);
        var outages = scaleSets.ToDictionary(s => s, _ => ImmutableArray<ScenarioOutage>.Empty);
        var timed = new List<ScenarioAction>();
        var array = Get(root, "faults") is { } node ? Array(node, "$.faults") : [];
        for (var i = 0; i < array.Count; i++)
        {
            var path = $"$.faults[{i}]";
            var fault = Object(array[i], path);
            var kind = String(fault, "kind", path);
            var targets = Targets(fault, path, scaleSets, required: kind == "unhealthy");
            switch (kind)
            {
                case "unhealthy":
                {
                    OnlyFields(fault, path, "kind", "scaleSet", "instanceIds", "at", "until");
                    var ids = InstanceIds(fault, path, required: true);
                    var at = Duration(fault, "at", path) ?? TimeSpan.Zero;
                    timed.Add(new ScenarioAction { At = at, Kind = ScenarioActionKind.FaultUnhealthy, Name = "fault:unhealthy", Path = path, ScaleSet = targets[0], InstanceIds = ids });
                    if (Duration(fault, "until", path) is { } until)
                    {
                        if (until <= at)
                        {
                            throw new ScenarioException($"{path}.until", $"{IsoDuration.Format(until)} is not after at ({IsoDuration.Format(at)})");
                        }

                        timed.Add(new ScenarioAction { At = until, Kind = ScenarioActionKind.FaultHealed, Name = "fault:unhealthy:end", Path = path, ScaleSet = targets[0], InstanceIds = ids });
                    }

                    break;
                }

                case "unhealthyAfterUpgrade":
                {
                    OnlyFields(fault, path, "kind", "scaleSet", "imageVersion", "probability", "instanceIds");
                    var (probability, ids) = ProbabilityOrIds(fault, path);
                    var rule = new ImageFault(String(fault, "imageVersion", path), probability, ids);
                    Apply(rules, targets, r => r with { UnhealthyAfterUpgrade = r.UnhealthyAfterUpgrade.Add(rule) });
                    break;
                }

                case "extensionFailure":
                {
                    OnlyFields(fault, path, "kind", "scaleSet", "extension", "probability", "instanceIds");
                    var (probability, ids) = ProbabilityOrIds(fault, path);
                    var rule = new ExtensionFault(String(fault, "extension", path), probability, ids);
                    Apply(rules, targets, r => r with { ExtensionFailures = r.ExtensionFailures.Add(rule) });
                    break;
                }

                case "scriptSourceOutage":
                {
                    OnlyFields(fault, path, "kind", "scaleSet", "extension", "from", "to");
                    var extension = String(fault, "extension", path);
                    var from = Duration(fault, "from", path) ?? TimeSpan.Zero;
                    var to = Duration(fault, "to", path) ?? throw new ScenarioException($"{path}.to", "is required");
                    if (to <= from)
                    {
                        throw new ScenarioException($"{path}.to", $"{IsoDuration.Format(to)} is not after from ({IsoDuration.Format(from)})");
                    }

                    foreach (var target in targets)
                    {
                        outages[target] = outages[target].Add(new ScenarioOutage(extension, from, to) { Path = path });
                    }

                    break;
                }

                case "allocationFailure":
                {
                    OnlyFields(fault, path, "kind", "scaleSet", "probability");
                    var probability = Number(fault, "probability", path, 0, 1) ?? throw new ScenarioException($"{path}.probability", "is required");
                    Apply(rules, targets, r => r with { AllocationFailureProbability = probability });
                    break;
                }

                case "unhealthyRate":
                {
                    OnlyFields(fault, path, "kind", "scaleSet", "perInstanceHour");
                    var rate = Number(fault, "perInstanceHour", path, 0, 3600) ?? throw new ScenarioException($"{path}.perInstanceHour", "is required");
                    Apply(rules, targets, r => r with { UnhealthyPerInstanceHour = r.UnhealthyPerInstanceHour + rate });
                    break;
                }

                case "badImage":
                {
                    OnlyFields(fault, path, "kind", "scaleSet", "imageVersion", "probability");
                    var probability = Number(fault, "probability", path, 0, 1) ?? throw new ScenarioException($"{path}.probability", "is required");
                    var rule = new BadImageFault(String(fault, "imageVersion", path), probability);
                    Apply(rules, targets, r => r with { BadImages = r.BadImages.Add(rule) });
                    break;
                }

                case "nonIdempotentExtension":
                {
                    OnlyFields(fault, path, "kind", "scaleSet", "extension");
                    var extension = String(fault, "extension", path);
                    Apply(rules, targets, r => r with { NonIdempotentExtensions = r.NonIdempotentExtensions.Add(extension) });
                    break;
                }

                default:
                    throw new ScenarioException($"{path}.kind", $"'{kind}' is not a fault kind; kinds: {string.Join(", ", FaultKinds)}");
            }
        }

        return (rules, outages, timed);
    }

    private static void Apply(Dictionary<string, FaultRules> rules, IReadOnlyList<string> targets, Func<FaultRules, FaultRules> change)
    {
        foreach (var target in targets)
        {
            rules[target] = change(rules[target]);
        }
    }

    private static (double Probability, ImmutableArray<string> Ids) ProbabilityOrIds(JsonObject fault, string path)
    {
        var probability = Number(fault, "probability", path, 0, 1);
        var ids = InstanceIds(fault, path, required: false);
        if (probability is null && ids.IsEmpty)
        {
            throw new ScenarioException(path, "needs a probability (0–1) or instanceIds");
        }

        return (probability ?? 0, ids);
    }

    /// <summary>The scale sets a fault or action names: its scaleSet, or every scale set when it names none.</summary>
    private static List<string> Targets(JsonObject obj, string path, List<string> scaleSets, bool required)
    {
        var name = OptionalString(obj, "scaleSet", path);
        if (name is null)
        {
            if (scaleSets.Count == 1 || (!required && scaleSets.Count > 0))
            {
                return required ? [scaleSets[0]] : scaleSets;
            }

            throw new ScenarioException($"{path}.scaleSet", scaleSets.Count == 0 ? "names a scale set, but the scenario has none" : $"is required: one of {string.Join(", ", scaleSets)}");
        }

        var match = scaleSets.FirstOrDefault(s => string.Equals(s, name, StringComparison.OrdinalIgnoreCase));
        return match is null
            ? throw new ScenarioException($"{path}.scaleSet", $"'{name}' is not a scale set of this scenario ({(scaleSets.Count == 0 ? "it has none" : string.Join(", ", scaleSets))})")
            : [match];
    }

    private static ImmutableArray<string> InstanceIds(JsonObject obj, string path, bool required)
    {
        var ids = Strings(obj, "instanceIds", path);
        if (required && ids.Count == 0)
        {
            throw new ScenarioException($"{path}.instanceIds", "is required: a non-empty list of instance ids such as [\"0\", \"3\"]");
        }

        return [.. ids];
    }

    private static List<ScenarioAction> ReadActions(JsonObject root, List<string> scaleSets)
    {
        var list = new List<ScenarioAction>();
        var array = Get(root, "actions") is { } node ? Array(node, "$.actions") : [];
        for (var i = 0; i < array.Count; i++)
        {
            var path = $"$.actions[{i}]";
            var obj = Object(array[i], path);
            var name = String(obj, "action", path);
            var at = Duration(obj, "at", path) ?? TimeSpan.Zero;
            var (gate, gateAt) = Get(obj, "after") is { } after ? ReadGate(after, path, scaleSets, list) : (null, TimeSpan.Zero);
            if (gate is not null)
            {
                if (Get(obj, "at") is not null)
                {
                    throw new ScenarioException($"{path}.at", "cannot be given with after: a gated action is played when the operation it waits for ends");
                }

                // The action's own fields are read as for any action.
                obj = (JsonObject)obj.DeepClone();
                obj.Remove("after");
                at = gateAt;
            }

            var action = new ScenarioAction { At = at, Name = name, Path = path };
            string Target() => Targets(obj, path, scaleSets, required: true)[0];
            switch (name)
            {
                case "update":
                    OnlyFields(obj, path, "at", "action", "scaleSet", "patch");
                    action = action with
                    {
                        Kind = ScenarioActionKind.Update,
                        ScaleSet = Target(),
                        Patch = Get(obj, "patch") is { } patch ? Object(patch, $"{path}.patch") : [],
                    };
                    break;
                case "startOSUpgrade" or "startExtensionUpgrade" or "cancel":
                    OnlyFields(obj, path, "at", "action", "scaleSet");
                    action = action with
                    {
                        Kind = name switch
                        {
                            "startOSUpgrade" => ScenarioActionKind.StartOSUpgrade,
                            "startExtensionUpgrade" => ScenarioActionKind.StartExtensionUpgrade,
                            _ => ScenarioActionKind.Cancel,
                        },
                        ScaleSet = Target(),
                    };
                    break;
                case "updateInstances":
                    OnlyFields(obj, path, "at", "action", "scaleSet", "instanceIds");
                    action = action with { Kind = ScenarioActionKind.UpdateInstances, ScaleSet = Target(), InstanceIds = InstanceIds(obj, path, required: true) };
                    break;
                case "reimage" or "reimageAll":
                    OnlyFields(obj, path, "at", "action", "scaleSet", "instanceIds");
                    action = action with
                    {
                        Kind = name == "reimage" ? ScenarioActionKind.Reimage : ScenarioActionKind.ReimageAll,
                        ScaleSet = Target(),
                        InstanceIds = InstanceIds(obj, path, required: false),
                    };
                    break;
                case "approve":
                    OnlyFields(obj, path, "at", "action", "scaleSet", "instanceIds");
                    action = action with { Kind = ScenarioActionKind.Approve, ScaleSet = Target(), InstanceIds = InstanceIds(obj, path, required: false) };
                    break;
                case "scale":
                    OnlyFields(obj, path, "at", "action", "scaleSet", "capacity");
                    action = action with
                    {
                        Kind = ScenarioActionKind.Scale,
                        ScaleSet = Target(),
                        Capacity = (int)(Long(obj, "capacity", path, 0, ScaleSetModelReader.MaxCapacity) ?? throw new ScenarioException($"{path}.capacity", "is required")),
                    };
                    break;
                case "publishImageVersion":
                    OnlyFields(obj, path, "at", "action", "image", "version", "bakedInExtensions", "replicationTime");
                    var replication = Duration(obj, "replicationTime", path);
                    action = action with
                    {
                        Kind = ScenarioActionKind.PublishImageVersion,
                        ImageVersion = new ScenarioImageVersion(
                            Name(obj, "image", path, NameKind.GalleryImage),
                            Name(obj, "version", path, NameKind.GalleryImageVersion),
                            [.. Names(obj, "bakedInExtensions", path, NameKind.Extension)],
                            replication ?? TimeSpan.MinValue,
                            null),
                    };
                    break;
                case "setProtectionPolicy":
                    OnlyFields(obj, path, "at", "action", "scaleSet", "instanceIds", "protectFromScaleIn", "protectFromScaleSetActions");
                    var scaleIn = Bool(obj, "protectFromScaleIn", path) ?? false;
                    var actions = Bool(obj, "protectFromScaleSetActions", path) ?? false;
                    if (ResourceUpdate.ProtectionProblem(scaleIn, actions) is { } problem)
                    {
                        throw new ScenarioException($"{path}.protectFromScaleSetActions", problem.Message);
                    }

                    action = action with
                    {
                        Kind = ScenarioActionKind.SetProtectionPolicy,
                        ScaleSet = Target(),
                        InstanceIds = InstanceIds(obj, path, required: true),
                        ProtectFromScaleIn = scaleIn,
                        ProtectFromScaleSetActions = actions,
                    };
                    break;
                default:
                    throw new ScenarioException($"{path}.action", $"'{name}' is not an action; actions: {string.Join(", ", ActionNames)}");
            }

            list.Add(action with { Gate = gate });
        }

        return list;
    }

    /// <summary>The actions that start a long-running operation on their scale set: what a promotion gate can wait for.</summary>
    private static readonly ImmutableArray<ScenarioActionKind> OperationKinds =
    [
        ScenarioActionKind.Update, ScenarioActionKind.StartOSUpgrade, ScenarioActionKind.StartExtensionUpgrade, ScenarioActionKind.UpdateInstances,
        ScenarioActionKind.Reimage, ScenarioActionKind.ReimageAll, ScenarioActionKind.Scale,
    ];

    /// <summary>
    /// An action's <c>after</c> (docs/contracts.md#promotion-gates): the scale set it waits on (required), the
    /// <c>maxFailedInstancePercent</c> (0–100, default 0), and the action it waits for, the last of <paramref name="earlier"/>
    /// that starts an operation on that scale set (none: an error). Only earlier actions can be waited for, so gates
    /// chain (staging → canary → production) but never form a cycle. Returns the gate and the earliest time it can open.
    /// </summary>
    private static (ScenarioGate Gate, TimeSpan At) ReadGate(JsonNode node, string actionPath, List<string> scaleSets, List<ScenarioAction> earlier)
    {
        var path = $"{actionPath}.after";
        var after = Object(node, path);
        OnlyFields(after, path, "scaleSet", "maxFailedInstancePercent");
        if (OptionalString(after, "scaleSet", path) is null)
        {
            throw new ScenarioException($"{path}.scaleSet", $"is required: the scale set whose operation the action waits for{(scaleSets.Count == 0 ? "" : $" (one of {string.Join(", ", scaleSets)})")}");
        }

        var scaleSet = Targets(after, path, scaleSets, required: true)[0];
        var percent = Number(after, "maxFailedInstancePercent", path, 0, 100) ?? 0;
        var awaited = earlier.LastOrDefault(a => a.ScaleSet == scaleSet && OperationKinds.Contains(a.Kind))
            ?? throw new ScenarioException(
                $"{path}.scaleSet",
                $"no earlier action starts an operation on '{scaleSet}': the gate waits for the last update, startOSUpgrade, startExtensionUpgrade, updateInstances, reimage, reimageAll or scale on it listed before this action");
        return (new ScenarioGate(scaleSet, percent, awaited.Path), awaited.At);
    }

    /// <summary>
    /// Replays the actions against the models they produce: an update patch must give a valid model, named
    /// instance ids must exist by then (ids are allocated in order as the scale set grows), and every image and
    /// load balancer a resource references must exist by then (<see cref="CheckReferences"/>).
    /// </summary>
    private static void CheckActionsAgainstModels(Scenario scenario, Dictionary<string, string?> probes)
    {
        var resources = scenario.ScaleSets.ToDictionary(s => s.Name, s => s.Resource, StringComparer.OrdinalIgnoreCase);
        var count = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var nextId = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);

        // A scale set that replaces instances (maxSurge, Replace repairs) makes ids the file cannot foresee: an id of
        // its is checked when the action runs, by the scale set (NotFound in the report), not here.
        var unforeseen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var images = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var version in scenario.Images)
        {
            (images.TryGetValue(version.Image, out var list) ? list : images[version.Image] = []).Add(version.Version);
        }

        for (var i = 0; i < scenario.ScaleSets.Length; i++)
        {
            var scaleSet = scenario.ScaleSets[i];
            CheckReferences(scaleSet.Name, scaleSet.Resource, $"$.scaleSets[{i}].", images, probes, "the scenario's images");
            var initial = Validate(scaleSet.Name, scaleSet.Resource, "$");
            var capacity = initial.Capacity;
            if (initial.ReplacesInstances)
            {
                unforeseen.Add(scaleSet.Name);
            }

            count[scaleSet.Name] = capacity;
            nextId[scaleSet.Name] = capacity;
        }

        void Resize(string scaleSet, int capacity)
        {
            if (capacity > count[scaleSet])
            {
                nextId[scaleSet] += capacity - count[scaleSet];
            }

            count[scaleSet] = capacity;
        }

        foreach (var action in scenario.Actions)
        {
            if (action is { Kind: ScenarioActionKind.PublishImageVersion, ImageVersion: { } published })
            {
                (images.TryGetValue(published.Image, out var list) ? list : images[published.Image] = []).Add(published.Version);
            }

            if (action.ScaleSet is not { } name)
            {
                continue;
            }

            foreach (var id in action.InstanceIds)
            {
                if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || (n >= nextId[name] && !unforeseen.Contains(name)))
                {
                    throw new ScenarioException(
                        $"{action.Path}.instanceIds",
                        $"instance '{id}' does not exist in scale set '{name}' at {IsoDuration.Format(action.At)} (ids are 0–{nextId[name] - 1})");
                }
            }

            switch (action.Kind)
            {
                case ScenarioActionKind.Update:
                    if (ResourceUpdate.Apply(resources[name], action.Patch!, name, out var merged, out var model, out var forbidden) is { IsEmpty: false } problems)
                    {
                        var first = problems[0];
                        var at = first.Target is null ? $"{action.Path}.patch" : $"{action.Path}.patch.{first.Target}";
                        throw new ScenarioException(at, forbidden ? $"({first.Code}) {first.Message}" : first.Message);
                    }

                    CheckReferences(name, merged, $"{action.Path}.patch.", images, probes, "the scenario's images and the publishImageVersion actions before it");
                    resources[name] = merged;
                    Resize(name, model!.Capacity);
                    if (model.ReplacesInstances)
                    {
                        unforeseen.Add(name);
                    }

                    break;
                case ScenarioActionKind.Scale:
                    Resize(name, action.Capacity);
                    break;
            }
        }
    }

    /// <summary>
    /// Every gallery image and load balancer <paramref name="resource"/> references (<see cref="ScaleSetModelReader.References"/>)
    /// exists: the image in <paramref name="images"/> (at its pinned version), the load balancer among the scenario's
    /// (and, for a health probe, with a probe, of that name when the scenario names it). Azure's code and message
    /// otherwise, at the JSON path of the id.
    /// </summary>
    private static void CheckReferences(string scaleSet, JsonObject resource, string prefix, Dictionary<string, List<string>> images, Dictionary<string, string?> probes, string where)
    {
        foreach (var reference in ScaleSetModelReader.References(resource))
        {
            var error = reference.Kind == ReferenceKind.GalleryImage
                ? ReferenceRules.Image(reference.Image!, prefix + reference.Target, images.GetValueOrDefault(reference.Image!.Image), where)
                : ReferenceRules.LoadBalancer(reference, scaleSet, probes.Keys, lb => probes[lb], prefix);
            if (error is not null)
            {
                throw new ScenarioException(error.Target!, $"({error.Code}) {error.Message}");
            }
        }
    }

    /// <summary>A required name following Azure's rule for <paramref name="kind"/>.</summary>
    private static string Name(JsonObject obj, string field, string path, NameKind kind)
    {
        var name = String(obj, field, path);
        return AzureNames.Problem(kind, name) is { } problem ? throw new ScenarioException($"{path}.{field}", problem) : name;
    }

    /// <summary>An optional list of names, each following Azure's rule for <paramref name="kind"/>.</summary>
    private static IReadOnlyList<string> Names(JsonObject obj, string field, string path, NameKind kind)
    {
        var names = Strings(obj, field, path);
        for (var i = 0; i < names.Count; i++)
        {
            if (AzureNames.Problem(kind, names[i]) is { } problem)
            {
                throw new ScenarioException($"{path}.{field}[{i}]", problem);
            }
        }

        return names;
    }
}
