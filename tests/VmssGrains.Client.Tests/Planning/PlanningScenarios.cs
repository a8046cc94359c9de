using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests.Planning;

/// <summary>
/// The scenarios of the plan and compare tests, on <see cref="ScenarioFiles.Template"/> (seed 1, 4 instances, fixed step
/// times): at PT1M the Rolling scale set moves to image 1.1.0. With the default policy that is 4 batches of one instance;
/// each instance takes drain 10 s + reimage 180 s + boot 60 s + extension 120 s + probe 2 × 5 s = 380 s, so the upgrade
/// takes 1,520 s with 3 of 4 instances (75 %) in service at worst and nothing dropped (1,000 requests per second, 1,000
/// per instance). An instance on a bad image waits out the health wait timeout (300 s) instead of the probe: the first
/// batch ends at 10 + 180 + 60 + 120 + 300 = 670 s and the post-batch check (1 unhealthy of 1 upgraded, over 20 %)
/// faults the run after batch 1.
/// </summary>
public static class PlanningScenarios
{
    /// <summary>The upgrade's simulated seconds without a fault.</summary>
    public const long Clean = 1520;

    /// <summary>The simulated seconds until a run on a bad image halts.</summary>
    public const long Halted = 670;

    /// <summary>The template's rolling upgrade, with a badImage fault of <paramref name="badImage"/> when given.</summary>
    public static JsonObject Upgrade(double? badImage = null)
    {
        var scenario = ScenarioFiles.Template("Rolling").Action("PT1M", "update", ScenarioFiles.ImagePatch("1.1.0"));
        if (badImage is { } probability)
        {
            scenario.Fault(new JsonObject { ["kind"] = "badImage", ["imageVersion"] = "1.1.0", ["probability"] = probability });
        }

        return scenario;
    }

    /// <summary>Writes <paramref name="scenario"/> to a new file in <paramref name="directory"/>.</summary>
    public static string Write(string directory, string name, JsonObject scenario)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, scenario.ToJsonString());
        return path;
    }
}
