using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests.Differential;

/// <summary>
/// The scenarios the Client tests play on the virtual clock, rebuilt here as those tests build them (on
/// <see cref="ScenarioFiles.Template"/>), by the test that plays each. Left out: scenarios that exist to be
/// refused (horizon and reference errors), and the 30 × 2,000-instance run of <c>SimulateInterruptTests</c>, which
/// exists to be interrupted (a minute or more of wall time).
/// </summary>
public static class TestScenarios
{
    private static JsonArray Ids(params string[] ids) => new([.. ids.Select(id => (JsonNode)id)]);

    private static JsonObject Unhealthy(string at, params string[] ids) => new() { ["kind"] = "unhealthy", ["scaleSet"] = "web", ["at"] = at, ["instanceIds"] = Ids(ids) };

    private static JsonObject ExtensionFailure(params string[] ids) => new() { ["kind"] = "extensionFailure", ["scaleSet"] = "web", ["extension"] = "app", ["instanceIds"] = Ids(ids) };

    private static JsonObject Protect(string id, bool scaleIn) => new() { ["instanceIds"] = Ids(id), ["protectFromScaleIn"] = scaleIn, ["protectFromScaleSetActions"] = false };

    private static JsonObject WithRepairs(JsonObject scenario)
    {
        scenario.Properties()["automaticRepairsPolicy"] = new JsonObject { ["enabled"] = true };
        return scenario;
    }

    private static JsonObject With(JsonObject scenario, string field, JsonNode value)
    {
        scenario[field] = value;
        return scenario;
    }

    /// <summary>Each scenario by the test that plays it.</summary>
    public static IEnumerable<(string Name, JsonObject Scenario)> All()
    {
        foreach (var action in new[] { "startOSUpgrade", "startExtensionUpgrade" })
        {
            yield return ($"TrustworthyAnswers.ExplicitUpgrade_NothingInScope ({action})", ScenarioFiles.Template("Rolling", imageVersion: "latest", versions: ["1.0.0"])
                .Fault(Unhealthy("PT0S", "0", "1", "2")).Action("PT1M", action));
        }

        yield return ("TrustworthyAnswers.AutomaticRepairs_DefaultGraceProtectionAndProvisioningFailures", WithRepairs(ScenarioFiles.Template("Manual"))
            .Fault(Unhealthy("PT1M", "1", "2")).Fault(ExtensionFailure("3"))
            .Action("PT0S", "setProtectionPolicy", Protect("2", scaleIn: true))
            .Action("PT1M", "reimage", new JsonObject { ["instanceIds"] = Ids("3") }));
        yield return ("TrustworthyAnswers.AutomaticMode_ExtensionFailsOnOneInstance", ScenarioFiles.Template("Automatic")
            .Fault(ExtensionFailure("1")).Action("PT1M", "update", ScenarioFiles.ImagePatch("1.1.0")));
        yield return ("TrustworthyAnswers.UpdateInstances_ExtensionFails", ScenarioFiles.Template("Manual").Fault(ExtensionFailure("1"))
            .Action("PT30S", "update", ScenarioFiles.ImagePatch("1.1.0"))
            .Action("PT1M", "updateInstances", new JsonObject { ["instanceIds"] = Ids("0", "1") }));
        yield return ("TrustworthyAnswers.RollingUpdate_RunFaults", ScenarioFiles.Template("Rolling")
            .Fault(new JsonObject { ["kind"] = "unhealthyAfterUpgrade", ["scaleSet"] = "web", ["imageVersion"] = "1.1.0", ["instanceIds"] = Ids("0") })
            .Action("PT1M", "update", ScenarioFiles.ImagePatch("1.1.0")));
        foreach (var probability in new[] { 0.0, 0.5, 1.0 })
        {
            yield return ($"Planning.BadImage ({probability})", ScenarioFiles.Template("Rolling")
                .Fault(new JsonObject { ["kind"] = "badImage", ["imageVersion"] = "1.1.0", ["probability"] = probability })
                .Action("PT1M", "update", ScenarioFiles.ImagePatch("1.1.0")));
        }

        yield return ("TrustworthyAnswers.RollingUpdate_RunIsCancelled", ScenarioFiles.Template("Rolling")
            .Action("PT1M", "update", ScenarioFiles.ImagePatch("1.1.0")).Action("PT2M", "cancel"));
        yield return ("TrustworthyAnswers.OSUpgrade_ScenarioStartTime", With(
            ScenarioFiles.Template("Rolling", capacity: 2, imageVersion: "latest", versions: ["1.0.0"])
                .Action("PT1M", "publishImageVersion", new JsonObject { ["image"] = "web", ["version"] = "1.1.0" }).Action("PT2M", "startOSUpgrade"),
            "startTime",
            "2026-03-01T12:00:00Z"));
        yield return ("TrustworthyAnswers.Report_NoStartTime", ScenarioFiles.Template("Manual"));
        foreach (var lifted in new[] { "PT5M", "PT20M" })
        {
            yield return ($"TrustworthyAnswers.AutomaticRepairs_ProtectionLifted ({lifted})", WithRepairs(ScenarioFiles.Template("Manual")).Fault(Unhealthy("PT1M", "1"))
                .Action("PT30S", "setProtectionPolicy", Protect("1", scaleIn: true)).Action(lifted, "setProtectionPolicy", Protect("1", scaleIn: false)));
        }

        yield return ("TrustworthyAnswers.ScaleOut_NewInstancesFailToProvision", ScenarioFiles.Template("Manual")
            .Fault(ExtensionFailure("4", "5", "6", "7")).Action("PT1M", "scale", new JsonObject { ["capacity"] = 8 }));
        yield return ("TrustworthyAnswers.FailOnFailedInstances", ScenarioFiles.Template("Manual")
            .Fault(ExtensionFailure("4", "5")).Action("PT1M", "scale", new JsonObject { ["capacity"] = 6 }));
        yield return ("TrustworthyAnswers.Summary_ARepairAndAStartTime", With(WithRepairs(ScenarioFiles.Template("Manual").Fault(Unhealthy("PT1M", "1"))), "startTime", "2026-06-01T08:00:00Z"));
        yield return ("TrustworthyAnswers.ScaledClock_TheRunEndsTheScenario", ScenarioFiles.Template("Rolling", capacity: 1).Action("PT10S", "update", ScenarioFiles.ImagePatch("1.1.0")));
        yield return ("LongDurationScenario.PublicationReplicatingSixtyDays", With(
            ScenarioFiles.Template().Action("PT1M", "publishImageVersion", new JsonObject { ["image"] = "web", ["version"] = "2.0.0", ["replicationTime"] = "P60D" }), "until", "P61D"));
        yield return ("ScenarioHorizon.ActionExactlyAtTheDefaultHorizon", ScenarioFiles.Template().Action("P7D", "setProtectionPolicy", new JsonObject { ["instanceIds"] = Ids("0"), ["protectFromScaleIn"] = true }));
        yield return ("ClusterSettle.OwnPublication", ScenarioFiles.Template()
            .Action("PT1M", "publishImageVersion", new JsonObject { ["image"] = "web", ["version"] = "2.0.0", ["replicationTime"] = "PT10M" }));
        yield return ("SimulateInterrupt.ScaledClock", With(ScenarioFiles.Template().Action("PT10M", "update", ScenarioFiles.ImagePatch("1.1.0")), "until", "PT1H"));

        var demo = JsonNode.Parse(File.ReadAllText(Repo.Example("seed-6vm-rolling")))!.AsObject();
        demo["scaleSets"]![0]!["properties"]!["upgradePolicy"]!["rollingUpgradePolicy"]!["pauseTimeBetweenBatches"] = "P50D";
        demo["until"] = "P120D";
        yield return ("LongDurationScenario.Demo_PauseOfFiftyDays", demo);
        yield return ("PromotionGate.Chain_EveryGatePasses", GatedScenarios.Chain());
        yield return ("PromotionGate.Chain_StagingFaults", GatedScenarios.Chain().BadImageOn("staging", "0"));
        yield return ("PromotionGate.FailedShare_AboveTheLimit", GatedScenarios.FailedShare(5));
        yield return ("PromotionGate.FailedShare_AtTheLimit", GatedScenarios.FailedShare(25));
    }
}
