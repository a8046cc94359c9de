using System.Text.Json.Nodes;
using VmssGrains.Abstractions.Json;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Planning;
using VmssGrains.Simulation.Scenarios;

namespace VmssGrains.Simulation.Planning;

/// <summary>
/// The JSON of a prediction (docs/contracts.md#plan, #compare): one strategy object of <c>compare</c>'s
/// <c>strategies</c>, and <c>plan</c>'s <c>prediction</c> (the same without <c>name</c>). Durations are simulated seconds.
/// </summary>
public static class PredictionJson
{
    /// <summary>
    /// The members <c>plan</c> and <c>compare</c> start with: <c>scenario</c> (the file's name of <paramref name="path"/>),
    /// <c>seeds</c> (how many) and <c>seedList</c>.
    /// </summary>
    public static JsonObject Sweep(string path, IReadOnlyList<long> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        return new JsonObject
        {
            ["scenario"] = Path.GetFileName(path),
            ["seeds"] = seeds.Count,
            ["seedList"] = new JsonArray([.. seeds.Select(s => (JsonNode)s)]),
        };
    }

    /// <summary>
    /// <c>{ "name"?, "upgradePolicy", "durationSeconds": { p50, p90, max }, "minInServicePercent": { p50, min },
    /// "minInService": { p50, min }, "requestsDropped": { p50, p90, max }, "haltRate", "halts": [{ batch, count }],
    /// "errors": [{ code, count }] }</c>; <c>name</c> only when <paramref name="name"/> is given.
    /// </summary>
    public static JsonObject Strategy(Prediction prediction, string? name, JsonObject upgradePolicy)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        var json = new JsonObject();
        if (name is not null)
        {
            json["name"] = name;
        }

        json["upgradePolicy"] = upgradePolicy.DeepClone();
        json["durationSeconds"] = new JsonObject { ["p50"] = prediction.DurationSeconds.P50, ["p90"] = prediction.DurationSeconds.P90, ["max"] = prediction.DurationSeconds.Max };
        json["minInServicePercent"] = new JsonObject { ["p50"] = prediction.MinInServicePercent.P50, ["min"] = prediction.MinInServicePercent.Min };
        json["minInService"] = new JsonObject { ["p50"] = prediction.MinInService.P50, ["min"] = prediction.MinInService.Min };
        json["requestsDropped"] = new JsonObject { ["p50"] = prediction.RequestsDropped.P50, ["p90"] = prediction.RequestsDropped.P90, ["max"] = prediction.RequestsDropped.Max };
        json["haltRate"] = prediction.HaltRate;
        json["halts"] = new JsonArray([.. prediction.Halts.Select(h => (JsonNode)new JsonObject { ["batch"] = h.Batch, ["count"] = h.Count })]);
        json["errors"] = new JsonArray([.. prediction.Errors.Select(e => (JsonNode)new JsonObject { ["code"] = e.Code, ["count"] = e.Count })]);
        json["timeBreakdownSeconds"] = new JsonObject(prediction.TimeParts.Select(p => KeyValuePair.Create(p.Part, (JsonNode?)new JsonObject { ["p50"] = p.P50, ["max"] = p.Max })));
        return json;
    }

    /// <summary>
    /// The upgrade policy of the scenario's first scale set as it runs (every scale set's under a strategy): <c>mode</c>
    /// and the whole <c>rollingUpgradePolicy</c>, defaults filled in. An empty object for a scenario without scale sets.
    /// </summary>
    public static JsonObject AppliedPolicy(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.ScaleSets.IsEmpty)
        {
            return [];
        }

        var first = scenario.ScaleSets[0];
        var model = ScaleSetModelReader.Read(first.Name, first.Resource, out _)!;
        return new JsonObject
        {
            ["mode"] = model.UpgradePolicy.Mode.ToString(),
            ["rollingUpgradePolicy"] = AzureJson.Policy(model.UpgradePolicy.RollingUpgradePolicy),
        };
    }
}
