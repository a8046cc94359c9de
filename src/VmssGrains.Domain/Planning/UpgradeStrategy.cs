using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.Planning;

/// <summary>
/// A strategy of <c>compare</c> (docs/contracts.md#compare): a name and upgrade policy properties with Azure's names —
/// <c>mode</c> and the <c>rollingUpgradePolicy</c> properties — which <see cref="Patch"/> merges into the
/// <c>upgradePolicy</c> of every scale set of the scenario (what it does not name stays as the scenario has it).
/// Values are checked by <see cref="ScaleSetModelReader.ReadUpgradePolicy(JsonObject, string, out IReadOnlyList{ValidationError})"/>,
/// the rules <c>create</c> and <c>update</c> apply.
/// </summary>
public sealed record UpgradeStrategy
{
    /// <summary>The properties a strategy may set, with Azure's names; all but <c>mode</c> belong to <c>rollingUpgradePolicy</c>.</summary>
    public static readonly ImmutableArray<string> Properties =
    [
        "mode", "maxBatchInstancePercent", "maxUnhealthyInstancePercent", "maxUnhealthyUpgradedInstancePercent", "pauseTimeBetweenBatches",
        "maxSurge", "enableCrossZoneUpgrade", "prioritizeUnhealthyInstances", "rollbackFailedInstancesOnPolicyBreach",
    ];

    /// <summary>The strategy's name: 1–64 letters, digits, <c>-</c>, <c>_</c>, <c>.</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The <c>upgradePolicy</c> merge patch: <c>mode</c> and a <c>rollingUpgradePolicy</c> object, with only the properties given.</summary>
    public required JsonObject Patch { get; init; }

    /// <summary>The mode the strategy sets, or null when it keeps the scenario's.</summary>
    public UpgradeMode? Mode { get; init; }

    /// <summary>
    /// A strategy from its name and properties (in order; a property may not repeat). The error is Azure's
    /// <see cref="ValidationError"/> (<c>InvalidParameter</c>), its target the property at fault (<c>maxBatchInstancePercent</c>),
    /// or null for the name: an unknown property names the known ones; a bad value gets the message <c>create</c> gives.
    /// </summary>
    public static UpgradeStrategy? Create(string name, IReadOnlyList<(string Property, JsonNode? Value)> properties, out ValidationError? error)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(properties);
        error = null;
        if (NameProblem(name) is { } badName)
        {
            error = new ValidationError("InvalidParameter", null, badName);
            return null;
        }

        var patch = new JsonObject();
        var rolling = new JsonObject();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (given, value) in properties)
        {
            var property = Properties.FirstOrDefault(p => string.Equals(p, given, StringComparison.OrdinalIgnoreCase));
            if (property is null)
            {
                error = ValidationError.InvalidParameter(Naming.AzureNames.Quote(given), $"is not an upgrade policy property; use {string.Join(", ", Properties)}");
                return null;
            }

            if (!seen.Add(property))
            {
                error = ValidationError.InvalidParameter(property, "is given twice");
                return null;
            }

            (property == "mode" ? patch : rolling)[property] = value?.DeepClone();
        }

        if (rolling.Count > 0)
        {
            patch["rollingUpgradePolicy"] = rolling;
        }

        // The ranges and types create and update check, with their messages; the target is the strategy's property.
        var policy = ScaleSetModelReader.ReadUpgradePolicy(patch, "upgradePolicy", out var errors);
        if (policy is null)
        {
            var first = errors[0];
            error = first with { Target = first.Target?[(first.Target.LastIndexOf('.') + 1)..] };
            return null;
        }

        return new UpgradeStrategy { Name = name, Patch = patch, Mode = patch.ContainsKey("mode") ? policy.Mode : null };
    }

    /// <summary>
    /// Reads <c>NAME:property=value,...</c> (the command line's <c>--strategy</c>); a value is JSON when it parses
    /// (<c>50</c>, <c>true</c>), else a string (<c>Rolling</c>, <c>PT5M</c>), as <c>update --set</c> reads values.
    /// Errors as <see cref="Create"/>'s; a pair without <c>=</c> has no target.
    /// </summary>
    public static UpgradeStrategy? Parse(string text, out ValidationError? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? text : text[..colon];
        var properties = new List<(string, JsonNode?)>();
        if (colon >= 0)
        {
            foreach (var pair in text[(colon + 1)..].Split(',', StringSplitOptions.TrimEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    error = new ValidationError("InvalidParameter", null, $"'{pair}' is not property=value (e.g. maxBatchInstancePercent=50)");
                    return null;
                }

                properties.Add((pair[..equals].Trim(), Value(pair[(equals + 1)..].Trim())));
            }
        }

        return Create(name, properties, out error);
    }

    private static JsonNode? Value(string text)
    {
        try
        {
            return JsonNode.Parse(text) is JsonValue value ? value : JsonValue.Create(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    /// <summary>What is wrong with a strategy name, the name quoted so that no control character reaches a terminal; null when it is good.</summary>
    private static string? NameProblem(string name) =>
        name.Length is 0 or > 64 ? $"'{Naming.AzureNames.Quote(name)}' is not a strategy name: 1–64 letters, digits, '-', '_', '.'"
        : name.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) ? $"'{Naming.AzureNames.Quote(name)}' is not a strategy name: use letters, digits, '-', '_', '.'"
        : null;
}
