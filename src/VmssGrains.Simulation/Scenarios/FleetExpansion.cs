using System.Globalization;
using System.Text.Json.Nodes;
using VmssGrains.Domain.Model;
using static VmssGrains.Simulation.Scenarios.JsonPath;

namespace VmssGrains.Simulation.Scenarios;

/// <summary>
/// A scenario's <c>fleets[]</c> (docs/contracts.md#fleets): many scale sets, each optionally behind a load balancer of
/// its own, from one template. Expanded before the scenario is read into the plain <c>loadBalancers[]</c>,
/// <c>scaleSets[]</c> and per-scale-set <c>actions[]</c> they stand for, so every rule of the reader applies to every
/// member; a problem found in a member is reported at the fleet's own JSON path, naming the member.
/// </summary>
internal sealed class FleetExpansion
{
    /// <summary>The most members one fleet may have.</summary>
    public const int MaxCount = 10_000;

    /// <summary>The placeholder for a member's index (0, 1, …) in the template's strings.</summary>
    public const string Index = "{i}";

    private readonly List<(string Prefix, string Source, string? Member)> origins = [];

    /// <summary>The scenario with its fleets expanded (the input itself when it has none).</summary>
    public JsonObject Root { get; private init; } = [];

    /// <summary>Expands <c>fleets[]</c> of <paramref name="root"/> and the actions that name a fleet.</summary>
    public static FleetExpansion Expand(JsonObject root)
    {
        if (Get(root, "fleets") is not { } node)
        {
            return new FleetExpansion { Root = root };
        }

        var fleets = Array(node, "$.fleets");
        var expanded = root.DeepClone().AsObject();
        expanded.Remove("fleets");
        var loadBalancers = Get(expanded, "loadBalancers") is { } lbs ? Array(lbs, "$.loadBalancers") : [];
        var scaleSets = Get(expanded, "scaleSets") is { } sets ? Array(sets, "$.scaleSets") : [];
        expanded["loadBalancers"] = loadBalancers;
        expanded["scaleSets"] = scaleSets;
        var result = new FleetExpansion { Root = expanded };
        var members = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        for (var f = 0; f < fleets.Count; f++)
        {
            var path = $"$.fleets[{f}]";
            var fleet = Object(fleets[f], path);
            OnlyFields(fleet, path, "name", "count", "loadBalancer", "scaleSet", "overrides");
            var name = String(fleet, "name", path);
            if (members.ContainsKey(name))
            {
                throw new ScenarioException($"{path}.name", $"fleet '{name}' is defined twice");
            }

            var count = (int)(Long(fleet, "count", path, 1, MaxCount) ?? throw new ScenarioException($"{path}.count", $"is required: the number of scale sets, 1 to {MaxCount}"));
            var template = Object(Get(fleet, "scaleSet") ?? throw new ScenarioException($"{path}.scaleSet", "is required: the scale set every member is made from"), $"{path}.scaleSet");
            RequireIndex(template, $"{path}.scaleSet");
            var lbTemplate = Get(fleet, "loadBalancer") is { } lb ? Object(lb, $"{path}.loadBalancer") : null;
            if (lbTemplate is not null)
            {
                RequireIndex(lbTemplate, $"{path}.loadBalancer");
            }

            var overrides = Overrides(fleet, path, count);
            var names = members[name] = [];
            for (var i = 0; i < count; i++)
            {
                if (lbTemplate is not null)
                {
                    result.origins.Add(($"$.loadBalancers[{loadBalancers.Count}]", $"{path}.loadBalancer", Member(i)));
                    loadBalancers.Add(Instantiate(lbTemplate, i));
                }

                var member = Instantiate(template, i);
                var source = $"{path}.scaleSet";
                if (overrides.TryGetValue(i, out var patch))
                {
                    member = JsonMergePatch.Apply(member, patch.DeepClone())!.AsObject();
                    source = $"{path}.overrides.{i}";
                }

                result.origins.Add(($"$.scaleSets[{scaleSets.Count}]", source, Member(i)));
                scaleSets.Add(member);
                names.Add(member["name"] is JsonValue named && named.TryGetValue<string>(out var memberName) ? memberName : "");
            }
        }

        if (Get(expanded, "actions") is { } actionsNode)
        {
            expanded["actions"] = result.ExpandActions(Array(actionsNode, "$.actions"), members);
        }

        return result;
    }

    /// <summary>The scenario problem <paramref name="e"/> at the JSON path of the fleet it came from, if it came from one.</summary>
    public ScenarioException Locate(ScenarioException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        foreach (var (prefix, source, member) in origins)
        {
            if (e.Path == prefix || e.Path.StartsWith(prefix + ".", StringComparison.Ordinal) || e.Path.StartsWith(prefix + "[", StringComparison.Ordinal))
            {
                return new ScenarioException(source + e.Path[prefix.Length..], member is null ? e.Problem : $"{e.Problem} ({member})");
            }
        }

        return e;
    }

    private static string Member(int i) => string.Create(CultureInfo.InvariantCulture, $"fleet member {i}");

    private static void RequireIndex(JsonObject template, string path)
    {
        if (template["name"] is not JsonValue value || !value.TryGetValue<string>(out var name) || !name.Contains(Index, StringComparison.Ordinal))
        {
            throw new ScenarioException($"{path}.name", $"must contain {Index}, the member's index, so that every member has a name of its own (for example \"web-{Index}\")");
        }
    }

    private static Dictionary<int, JsonObject> Overrides(JsonObject fleet, string path, int count)
    {
        var result = new Dictionary<int, JsonObject>();
        if (Get(fleet, "overrides") is not { } node)
        {
            return result;
        }

        foreach (var (key, patch) in Object(node, $"{path}.overrides"))
        {
            if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= count)
            {
                throw new ScenarioException($"{path}.overrides.{key}", $"is not a member's index: overrides are keyed by index, 0 to {count - 1}");
            }

            result[index] = Object(patch, $"{path}.overrides.{key}");
        }

        return result;
    }

    /// <summary>The template with <see cref="Index"/> replaced by <paramref name="i"/> in every string.</summary>
    private static JsonObject Instantiate(JsonObject template, int i)
    {
        var index = i.ToString(CultureInfo.InvariantCulture);
        return (JsonObject)Replace(template, index)!;

        static JsonNode? Replace(JsonNode? node, string index) => node switch
        {
            JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Replace(p.Value, index)))),
            JsonArray a => new JsonArray([.. a.Select(n => Replace(n, index))]),
            JsonValue v when v.TryGetValue<string>(out var s) => JsonValue.Create(s.Replace(Index, index, StringComparison.Ordinal)),
            _ => node?.DeepClone(),
        };
    }

    /// <summary>An action with <c>fleet</c> instead of <c>scaleSet</c> stands for one action per member, at the same time.</summary>
    private JsonArray ExpandActions(JsonArray actions, Dictionary<string, List<string>> members)
    {
        var result = new JsonArray();
        for (var k = 0; k < actions.Count; k++)
        {
            var path = $"$.actions[{k}]";
            if (actions[k] is not JsonObject action || Get(action, "fleet") is not { } fleetNode)
            {
                origins.Add(($"$.actions[{result.Count}]", path, null));
                result.Add(actions[k]?.DeepClone());
                continue;
            }

            if (action.ContainsKey("scaleSet"))
            {
                throw new ScenarioException($"{path}.fleet", "names a fleet, so the action cannot also name a scale set");
            }

            var fleet = fleetNode is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw new ScenarioException($"{path}.fleet", "must be a string: the name of a fleet");
            if (!members.TryGetValue(fleet, out var names))
            {
                throw new ScenarioException($"{path}.fleet", $"'{fleet}' is not a fleet of this scenario ({(members.Count == 0 ? "it has none" : string.Join(", ", members.Keys))})");
            }

            foreach (var name in names)
            {
                var one = action.DeepClone().AsObject();
                one.Remove("fleet");
                one["scaleSet"] = name;
                origins.Add(($"$.actions[{result.Count}]", path, $"scale set '{name}' of fleet '{fleet}'"));
                result.Add(one);
            }
        }

        return result;
    }
}
