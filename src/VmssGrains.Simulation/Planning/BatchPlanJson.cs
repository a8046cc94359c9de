using System.Text.Json.Nodes;
using VmssGrains.Domain.Time;

namespace VmssGrains.Simulation.Planning;

/// <summary>
/// The JSON of batch listings (docs/planning.md#batch-listing-json): per listing <c>scaleSet</c>, <c>action</c>,
/// <c>at</c> (ISO 8601 duration, simulated), <c>runKind</c>, <c>batchSize</c>, <c>batchSizeRule</c>, <c>zoneOrder</c>,
/// <c>batches[]</c> (<c>index</c>, <c>zone</c>, <c>instanceIds</c>, <c>reasons</c>), <c>skipped[]</c>
/// (<c>instanceId</c>, <c>reason</c>) and <c>notes</c>.
/// </summary>
public static class BatchPlanJson
{
    /// <summary>The listings as a JSON array, in order.</summary>
    public static JsonArray Write(IEnumerable<ScenarioBatchPlan> plans)
    {
        ArgumentNullException.ThrowIfNull(plans);
        return [.. plans.Select(p => (JsonNode)Write(p))];
    }

    /// <summary>One listing.</summary>
    public static JsonObject Write(ScenarioBatchPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var listing = plan.Listing;
        return new JsonObject
        {
            ["scaleSet"] = listing.ScaleSet,
            ["action"] = plan.Action,
            ["at"] = IsoDuration.Format(plan.At),
            ["runKind"] = listing.RunKind,
            ["batchSize"] = listing.BatchSize,
            ["batchSizeRule"] = listing.BatchSizeRule,
            ["zoneOrder"] = Strings(listing.ZoneOrder),
            ["batches"] = new JsonArray([.. listing.Batches.Select(b => (JsonNode)new JsonObject
            {
                ["index"] = b.Index,
                ["zone"] = b.Zone,
                ["instanceIds"] = Strings(b.InstanceIds),
                ["reasons"] = Strings(b.Reasons),
            })]),
            ["skipped"] = new JsonArray([.. listing.Skipped.Select(s => (JsonNode)new JsonObject { ["instanceId"] = s.InstanceId, ["reason"] = s.Reason })]),
            ["notes"] = Strings(listing.Notes),
        };
    }

    private static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(v => (JsonNode)JsonValue.Create(v))];
}
