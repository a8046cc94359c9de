using System.Text.Json.Nodes;
using VmssGrains.Simulation.Scenarios;

namespace VmssGrains.Client.Tests.Differential;

/// <summary>The scenario generator writes documents the real <see cref="ScenarioReader"/> accepts, the same for one seed, covering what it promises.</summary>
public sealed class ScenarioGeneratorTests
{
    private const int Seeds = 2000;

    /// <summary>A rejection is a generator bug: the message names the seed and the reader's error.</summary>
    [Fact]
    public void Generate_TwoThousandSeeds_EveryScenarioIsAccepted()
    {
        var rejected = new List<string>();
        for (var seed = 1; seed <= Seeds; seed++)
        {
            var json = ScenarioGenerator.Generate(seed).ToJsonString();
            try
            {
                ScenarioReader.Read(json);
            }
            catch (ScenarioException e)
            {
                rejected.Add($"seed {seed}: {e.Message}\n{json}");
            }
        }

        Assert.True(rejected.Count == 0, $"{rejected.Count} of {Seeds} generated scenarios rejected; the first:\n{string.Join("\n", rejected.Take(1))}\nothers: {string.Join("; ", rejected.Skip(1).Take(10).Select(r => r[..r.IndexOf('\n', StringComparison.Ordinal)]))}");
    }

    [Fact]
    public void Generate_SameSeed_SameDocument()
    {
        Assert.Equal(ScenarioGenerator.Generate(77).ToJsonString(), ScenarioGenerator.Generate(77).ToJsonString());
        Assert.NotEqual(ScenarioGenerator.Generate(77).ToJsonString(), ScenarioGenerator.Generate(78).ToJsonString());
    }

    /// <summary>Over the seeds every action and fault kind, a promotion gate, mode and orchestration appears; capacities stay within 1–2,000, mostly small.</summary>
    [Fact]
    public void Generate_TwoThousandSeeds_CoverEveryActionFaultAndMode()
    {
        var scenarios = Enumerable.Range(1, Seeds).Select(s => ScenarioGenerator.Generate(s)).ToList();
        var actions = scenarios.SelectMany(s => s["actions"]!.AsArray()).Select(a => a!["action"]!.GetValue<string>()).ToHashSet();
        var faults = scenarios.SelectMany(s => s["faults"]!.AsArray()).Select(f => f!["kind"]!.GetValue<string>()).ToHashSet();
        var scaleSets = scenarios.SelectMany(s => s["scaleSets"]!.AsArray()).Select(s => s!.AsObject()).ToList();
        var capacities = scaleSets.Select(s => s["sku"]!["capacity"]!.GetValue<int>()).ToList();

        Assert.Equal(ScenarioReader.ActionNames.Order(), actions.Order());
        Assert.Equal(ScenarioReader.FaultKinds.Order(), faults.Order());
        Assert.Contains(scenarios.SelectMany(s => s["actions"]!.AsArray()), a => a!["after"] is JsonObject);
        Assert.Equal(["Automatic", "Manual", "Rolling"], scaleSets.Select(s => s["properties"]!["upgradePolicy"]!["mode"]!.GetValue<string>()).Distinct().Order());
        Assert.Contains(scaleSets, s => s["properties"]!["orchestrationMode"]?.GetValue<string>() == "Flexible");
        Assert.Contains(scaleSets, s => s["properties"]!["upgradePolicy"]!["automaticOSUpgradePolicy"] is not null);
        Assert.Contains(scaleSets, s => s["properties"]!["automaticRepairsPolicy"] is not null);
        Assert.Contains(scaleSets, s => s["zones"] is JsonArray { Count: 3 });
        Assert.Equal([1, 2, 3], scenarios.Select(s => s["scaleSets"]!.AsArray().Count).Distinct().Order());
        Assert.InRange(capacities.Min(), 1, 1);
        Assert.InRange(capacities.Max(), 1000, 2000);
        Assert.InRange(capacities.Count(c => c < 50) / (double)capacities.Count, 0.8, 0.95);
        Assert.Contains(capacities, c => c is >= 100 and < 1000);
    }
}
