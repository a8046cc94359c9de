using System.Text.Json.Nodes;
using VmssGrains.Domain.Model;
using static VmssGrains.Domain.Tests.TestData;

namespace VmssGrains.Domain.Tests;

/// <summary>
/// Every default of every policy object the model reader reads, checked against its source: the description in
/// Azure's schema (<c>azure/schema/2025-04-01/virtualMachineScaleSet.json</c>) where it states the default, and the
/// property's type (a boolean that is absent is false) where it states none. One test per default: the name says
/// which property, the data says the source.
/// </summary>
public sealed class PolicyDefaultsTests
{
    private static readonly Lazy<JsonObject> Definitions = new(() =>
        JsonNode.Parse(AzureFile("schema/2025-04-01/virtualMachineScaleSet.json"))!["definitions"]!.AsObject());

    /// <summary>A scale set resource with every policy object present but empty.</summary>
    private static ScaleSetModel EmptyPolicies()
    {
        var resource = JsonNode.Parse("""
            {
              "sku": { "capacity": 2 },
              "properties": {
                "upgradePolicy": { "rollingUpgradePolicy": {}, "automaticOSUpgradePolicy": {} },
                "automaticRepairsPolicy": {},
                "virtualMachineProfile": {
                  "storageProfile": { "imageReference": { "publisher": "Canonical", "offer": "ubuntu-24_04-lts", "sku": "server" } },
                  "networkProfile": { "healthProbe": { "id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/loadBalancers/lb/probes/http" } }
                }
              }
            }
            """)!.AsObject();
        return ScaleSetModelReader.Read("defaults", resource, out var errors) ?? throw new InvalidOperationException(string.Join("; ", errors.Select(e => e.Message)));
    }

    /// <summary>The property's description in the schema.</summary>
    private static string Description(string definition, string property) =>
        Definitions.Value[definition]!["properties"]![property]!["description"]!.GetValue<string>();

    private static string Type(string definition, string property) =>
        Definitions.Value[definition]!["properties"]![property]!["type"]!.GetValue<string>();

    [Theory]
    [InlineData("maxBatchInstancePercent", 20, "The default value for this parameter is 20%.")]
    [InlineData("maxUnhealthyInstancePercent", 20, "The default value for this parameter is 20%.")]
    [InlineData("maxUnhealthyUpgradedInstancePercent", 20, "The default value for this parameter is 20%.")]
    public void RollingUpgradePolicy_Percentages_DefaultAsTheSchemaSays(string property, int expected, string source)
    {
        Assert.Contains(source, Description("RollingUpgradePolicy", property), StringComparison.Ordinal);
        var policy = EmptyPolicies().UpgradePolicy.RollingUpgradePolicy;
        var actual = property switch
        {
            "maxBatchInstancePercent" => policy.MaxBatchInstancePercent,
            "maxUnhealthyInstancePercent" => policy.MaxUnhealthyInstancePercent,
            _ => policy.MaxUnhealthyUpgradedInstancePercent,
        };
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void RollingUpgradePolicy_PauseTimeBetweenBatches_DefaultsToPT0S()
    {
        Assert.Contains("The default value is 0 seconds (PT0S).", Description("RollingUpgradePolicy", "pauseTimeBetweenBatches"), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.Zero, EmptyPolicies().UpgradePolicy.RollingUpgradePolicy.PauseTimeBetweenBatches);
    }

    /// <summary>The schema states no default for these booleans: absent is false.</summary>
    [Theory]
    [InlineData("enableCrossZoneUpgrade")]
    [InlineData("prioritizeUnhealthyInstances")]
    [InlineData("rollbackFailedInstancesOnPolicyBreach")]
    [InlineData("maxSurge")]
    public void RollingUpgradePolicy_Booleans_DefaultToFalse(string property)
    {
        Assert.Equal("boolean", Type("RollingUpgradePolicy", property));
        Assert.DoesNotContain("default", Description("RollingUpgradePolicy", property), StringComparison.OrdinalIgnoreCase);
        var policy = EmptyPolicies().UpgradePolicy.RollingUpgradePolicy;
        Assert.False(property switch
        {
            "enableCrossZoneUpgrade" => policy.EnableCrossZoneUpgrade,
            "prioritizeUnhealthyInstances" => policy.PrioritizeUnhealthyInstances,
            "rollbackFailedInstancesOnPolicyBreach" => policy.RollbackFailedInstancesOnPolicyBreach,
            _ => policy.MaxSurge,
        });
    }

    [Theory]
    [InlineData("enableAutomaticOSUpgrade", "Default value is false.")]
    [InlineData("disableAutomaticRollback", "Default value is false.")]
    [InlineData("useRollingUpgradePolicy", "Default value is false.")]
    [InlineData("osRollingUpgradeDeferral", null)]
    public void AutomaticOSUpgradePolicy_Booleans_DefaultToFalse(string property, string? source)
    {
        var description = Description("AutomaticOSUpgradePolicy", property);
        if (source is null)
        {
            Assert.Equal("boolean", Type("AutomaticOSUpgradePolicy", property));
            Assert.DoesNotContain("default", description, StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            Assert.Contains(source, description, StringComparison.Ordinal);
        }

        var policy = EmptyPolicies().UpgradePolicy.AutomaticOSUpgradePolicy;
        Assert.False(property switch
        {
            "enableAutomaticOSUpgrade" => policy.EnableAutomaticOSUpgrade,
            "disableAutomaticRollback" => policy.DisableAutomaticRollback,
            "useRollingUpgradePolicy" => policy.UseRollingUpgradePolicy,
            _ => policy.OsRollingUpgradeDeferral,
        });
    }

    [Fact]
    public void AutomaticRepairsPolicy_Enabled_DefaultsToFalse()
    {
        Assert.Contains("The default value is false.", Description("AutomaticRepairsPolicy", "enabled"), StringComparison.Ordinal);
        Assert.False(EmptyPolicies().AutomaticRepairsPolicy.Enabled);
    }

    [Fact]
    public void AutomaticRepairsPolicy_GracePeriod_DefaultsToPT10M()
    {
        Assert.Contains("The minimum allowed grace period is 10 minutes (PT10M), which is also the default value.", Description("AutomaticRepairsPolicy", "gracePeriod"), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMinutes(10), EmptyPolicies().AutomaticRepairsPolicy.GracePeriod);
        Assert.Equal(TimeSpan.FromMinutes(10), new AutomaticRepairsPolicy().GracePeriod);
    }

    [Fact]
    public void AutomaticRepairsPolicy_RepairAction_DefaultsToReplace()
    {
        Assert.Contains("Default value is replace.", Description("AutomaticRepairsPolicy", "repairAction"), StringComparison.Ordinal);
        Assert.Equal(RepairAction.Replace, EmptyPolicies().AutomaticRepairsPolicy.RepairAction);
    }

    /// <summary>
    /// The schema's description of <c>mode</c> names no default; Azure's REST API treats an absent mode as Manual
    /// (the upgrade policy documentation: "Manual ... is the default").
    /// </summary>
    [Fact]
    public void UpgradePolicy_Mode_DefaultsToManual()
    {
        Assert.Contains("**Manual**", Description("UpgradePolicy", "mode"), StringComparison.Ordinal);
        Assert.Equal(UpgradeMode.Manual, EmptyPolicies().UpgradePolicy.Mode);
    }

    /// <summary>The schema's enum of orchestration modes has no default: a resource without one is Uniform, as the REST API creates it.</summary>
    [Fact]
    public void OrchestrationMode_DefaultsToUniform()
    {
        Assert.Equal(["Uniform", "Flexible"], Definitions.Value["OrchestrationMode"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal(OrchestrationMode.Uniform, EmptyPolicies().OrchestrationMode);
    }

    /// <summary>A policy object that is absent altogether reads like an empty one.</summary>
    [Fact]
    public void AbsentPolicyObjects_ReadLikeEmptyOnes()
    {
        var resource = JsonNode.Parse("""{ "sku": { "capacity": 1 }, "properties": { "virtualMachineProfile": { "storageProfile": { "imageReference": { "publisher": "p", "offer": "o", "sku": "s" } } } } }""")!.AsObject();
        var model = ScaleSetModelReader.Read("absent", resource, out _)!;
        var empty = EmptyPolicies();
        Assert.Equal(empty.UpgradePolicy, model.UpgradePolicy);
        Assert.Equal(empty.AutomaticRepairsPolicy, model.AutomaticRepairsPolicy);
    }
}
