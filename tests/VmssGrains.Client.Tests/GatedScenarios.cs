using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests;

/// <summary>
/// Scenarios with promotion gates, on <see cref="ScenarioFiles.Template"/>: one copy of its scale set per stage (same
/// load balancer, image and fixed step times), each named and sized by the test, and image 1.1.0 rolled through them.
/// </summary>
public static class GatedScenarios
{
    /// <summary>The template with one Rolling scale set per (name, capacity) instead of <c>web</c>, and no actions.</summary>
    public static JsonObject Stages(params (string Name, int Capacity)[] stages)
    {
        var scenario = ScenarioFiles.Template("Rolling");
        var web = scenario.ScaleSet();
        var scaleSets = new JsonArray();
        foreach (var (name, capacity) in stages)
        {
            var copy = web.DeepClone().AsObject();
            copy["name"] = name;
            copy["sku"]!["capacity"] = capacity;
            scaleSets.Add(copy);
        }

        scenario["scaleSets"] = scaleSets;
        return scenario;
    }

    /// <summary>Adds an update of <paramref name="scaleSet"/> to image 1.1.0, at <paramref name="at"/> or behind <paramref name="after"/>.</summary>
    public static JsonObject Update(this JsonObject scenario, string scaleSet, string? at = null, JsonObject? after = null)
    {
        scenario["actions"]!.AsArray().Add(UpdateAction(scaleSet, after, at));
        return scenario;
    }

    /// <summary>
    /// An update of <paramref name="scaleSet"/> to image 1.1.0, with <c>at</c> and/or <c>after</c> when given
    /// (<paramref name="after"/> may be any JSON, for the validation tests).
    /// </summary>
    public static JsonObject UpdateAction(string scaleSet, JsonNode? after = null, string? at = null)
    {
        var action = ScenarioFiles.ImagePatch("1.1.0");
        action["action"] = "update";
        action["scaleSet"] = scaleSet;
        if (at is not null)
        {
            action["at"] = at;
        }

        if (after is not null)
        {
            action["after"] = after;
        }

        return action;
    }

    /// <summary>A gate: after <paramref name="scaleSet"/>'s operation, at most <paramref name="maxFailedInstancePercent"/> % failed.</summary>
    public static JsonObject After(string scaleSet, double maxFailedInstancePercent = 0) =>
        new() { ["scaleSet"] = scaleSet, ["maxFailedInstancePercent"] = maxFailedInstancePercent };

    /// <summary>Image 1.1.0 leaves <paramref name="instanceIds"/> of <paramref name="scaleSet"/> unhealthy.</summary>
    public static JsonObject BadImageOn(this JsonObject scenario, string scaleSet, params string[] instanceIds) => scenario.Fault(new JsonObject
    {
        ["kind"] = "unhealthyAfterUpgrade",
        ["scaleSet"] = scaleSet,
        ["imageVersion"] = "1.1.0",
        ["instanceIds"] = new JsonArray([.. instanceIds.Select(id => (JsonNode)id)]),
    });

    /// <summary>A rolling policy that lets a run complete with every upgraded instance unhealthy: the gate is then the only check.</summary>
    public static JsonObject Lenient(this JsonObject scenario, string scaleSet)
    {
        var set = scenario["scaleSets"]!.AsArray().OfType<JsonObject>().Single(s => s.Str("name") == scaleSet);
        set["properties"]!["upgradePolicy"]!["rollingUpgradePolicy"] = new JsonObject { ["maxUnhealthyInstancePercent"] = 100, ["maxUnhealthyUpgradedInstancePercent"] = 100 };
        return scenario;
    }

    /// <summary>Staging (1) → canary (1) → production (1), each gated on the one before with at most 0 % failed.</summary>
    public static JsonObject Chain() => Stages(("staging", 1), ("canary", 1), ("production", 1))
        .Update("staging", at: "PT1M")
        .Update("canary", after: After("staging"))
        .Update("production", after: After("canary"));

    /// <summary>Staging (4, lenient) → production (2), the bad image on staging's instance 0: 25 % failed, gate at <paramref name="limit"/> %.</summary>
    public static JsonObject FailedShare(double limit) => Stages(("staging", 4), ("production", 2))
        .Lenient("staging")
        .BadImageOn("staging", "0")
        .Update("staging", at: "PT1M")
        .Update("production", after: After("staging", limit));
}
