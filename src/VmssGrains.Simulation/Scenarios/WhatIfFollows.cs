using System.Globalization;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Time;

namespace VmssGrains.Simulation.Scenarios;

/// <summary>What a scale set's upgrade mode makes of a what-if's change, in one line (docs/behaviour.md, the upgrade modes).</summary>
internal static class WhatIfFollows
{
    /// <summary>Describes what follows the change from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static string Describe(ScaleSetModel before, ScaleSetModel after, bool published, string? version)
    {
        if (published)
        {
            var batch = after.UpgradePolicy.AutomaticOSUpgradePolicy.UseRollingUpgradePolicy ? $"{after.UpgradePolicy.RollingUpgradePolicy.MaxBatchInstancePercent} %" : "20 %";
            return $"automatic OS upgrade: once {version} has replicated (PT10M), the platform upgrades the instances in batches of {batch}, one zone at a time, an instance that stays unhealthy rolled back to its previous OS disk{(after.UpgradePolicy.AutomaticOSUpgradePolicy.DisableAutomaticRollback ? " (rollback is disabled)" : "")}";
        }

        if (before.ProfileFingerprint == after.ProfileFingerprint)
        {
            return "the model (virtualMachineProfile) does not change, so no instance is upgraded: the change only sets the scale set's properties";
        }

        var n = after.Capacity;
        return after.EffectiveUpgradeMode switch
        {
            UpgradeMode.Rolling => Rolling(after),
            UpgradeMode.Automatic => string.Create(CultureInfo.InvariantCulture, $"Automatic: the update upgrades all {n} instances at once, in one batch with no health gate"),
            _ => string.Create(CultureInfo.InvariantCulture, $"Manual{Effective(after)}: the model changes and no instance is upgraded until update-instances (or a reimage) names it, so the prediction shows all {n} instances left on the previous model"),
        };
    }

    /// <summary>
    /// When the mode that applies is not the one written (<see cref="ScaleSetModel.EffectiveUpgradeMode"/>, the rule the
    /// engines follow: Flexible is Manual unless <c>simulation.flexibleUpgrades</c>), the assumption that says so; else null.
    /// </summary>
    public static string? Orchestration(ScaleSetModel model) =>
        model.EffectiveUpgradeMode == model.UpgradePolicy.Mode ? null
            : $"orchestrationMode {model.OrchestrationMode}: the simulator runs upgradePolicy.mode {model.UpgradePolicy.Mode} as {model.EffectiveUpgradeMode} (docs/behaviour.md#orchestration-modes); Azure now also upgrades Flexible scale sets by their policy: --set simulation.flexibleUpgrades=true predicts that";

    private static string Effective(ScaleSetModel model) =>
        model.EffectiveUpgradeMode == model.UpgradePolicy.Mode ? "" : $" (orchestrationMode {model.OrchestrationMode} makes upgradePolicy.mode {model.UpgradePolicy.Mode} effectively {model.EffectiveUpgradeMode})";

    private static string Rolling(ScaleSetModel model)
    {
        var policy = model.UpgradePolicy.RollingUpgradePolicy;
        var zones = model.Zones.Length > 1 && !policy.EnableCrossZoneUpgrade ? ", one zone at a time" : "";
        var surge = policy.MaxSurge ? ", each batch first creating new instances (maxSurge)" : "";

        // UpgradePlanner: a batch counts as unhealthy while it upgrades, so it never exceeds maxUnhealthyInstancePercent.
        var size = policy.BatchSize(model.Capacity);
        var batch = Math.Max(1, Math.Min(size, policy.UnhealthyLimit(model.Capacity)));
        var capped = batch < size
            ? string.Create(CultureInfo.InvariantCulture, $" (maxBatchInstancePercent gives {size}, but a batch counts as unhealthy while it upgrades and maxUnhealthyInstancePercent allows {batch})")
            : "";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"Rolling: the update starts a rolling upgrade of the {model.Capacity} instances, batches of up to {batch}{capped}{zones}{surge}, {IsoDuration.Format(policy.PauseTimeBetweenBatches)} between batches; it faults when more than {policy.MaxUnhealthyInstancePercent} % of the instances are unhealthy before a batch or more than {policy.MaxUnhealthyUpgradedInstancePercent} % of the upgraded ones after it");
    }
}
