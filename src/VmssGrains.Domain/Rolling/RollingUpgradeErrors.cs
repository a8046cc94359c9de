using System.Collections.Immutable;
using System.Globalization;

namespace VmssGrains.Domain.Rolling;

/// <summary>Azure's rolling upgrade error codes and messages (wording as observed in real outputs).</summary>
public static class RollingUpgradeErrors
{
    /// <summary>Too many unhealthy instances before the first batch.</summary>
    public const string BeforeRollingUpgrade = "MaxUnhealthyInstancePercentExceededBeforeRollingUpgrade";

    /// <summary>Too many unhealthy instances before a later batch.</summary>
    public const string InRollingUpgrade = "MaxUnhealthyInstancePercentExceededInRollingUpgrade";

    /// <summary>Too many unhealthy upgraded instances after a batch.</summary>
    public const string UpgradedExceeded = "MaxUnhealthyUpgradedInstancePercentExceededInRollingUpgrade";

    /// <summary>Some upgraded instances failed, below the limit: the run goes on.</summary>
    public const string InProgressWithFailed = "RollingUpgradeInProgressWithFailedUpgradedVMs";

    /// <summary>The detail code for each unhealthy instance.</summary>
    public const string InstanceUnhealthy = "RollingUpgradeInstanceUnhealthyError";

    private const string Link = "For details on rolling upgrades, use http://aka.ms/AzureVMSSRollingUpgrade";
    private const string UnhealthyMessage = "Instance found to be unhealthy or unreachable.";

    /// <summary>The error of a pre-batch check that failed.</summary>
    public static RunError UnhealthyBeforeBatch(bool firstBatch, string scaleSet, IReadOnlyList<string> unhealthy, int total, int limitPercent)
    {
        var percent = Percent(unhealthy.Count, total);
        var details = unhealthy.Select(id => new RunErrorDetail(InstanceUnhealthy, Target(scaleSet, id), UnhealthyMessage)).ToImmutableArray();
        return firstBatch
            ? new RunError(
                BeforeRollingUpgrade,
                $"Rolling Upgrade failed due to exceeding the MaxUnhealthyInstancePercent value (defined in the RollingUpgradePolicy) before any batch was attempted. {percent}% of instances are in an unhealthy state, more than the threshold of {limitPercent}% configured in the RollingUpgradePolicy. The most impactful error is:  {UnhealthyMessage} {Link}",
                details)
            : new RunError(
                InRollingUpgrade,
                $"Rolling Upgrade failed after exceeding the MaxUnhealthyInstancePercent value defined in the RollingUpgradePolicy. {percent}% of instances are in an unhealthy state - more than the threshold of {limitPercent}%. To apply upgrades, consider increasing the MaxUnhealthyInstancePercent value. {Link}",
                details);
    }

    /// <summary>The error of a post-batch check that failed.</summary>
    public static RunError UpgradedUnhealthy(string scaleSet, IReadOnlyList<InstanceOutcome> unhealthy, int denominator, int limitPercent)
    {
        var percent = Percent(unhealthy.Count, denominator);
        // The first error in instance order: the outcomes may come in any order (a run keeps them by instance id in a
        // hashed dictionary, whose order changes from one process to the next), and one scenario gives one report.
        var impactful = unhealthy.Where(o => o.ErrorMessage is not null).OrderBy(o => o.InstanceId, InstanceOrder.Instance).FirstOrDefault()?.ErrorMessage ?? UnhealthyMessage;
        return new RunError(
            UpgradedExceeded,
            $"Rolling Upgrade failed after exceeding the MaxUnhealthyUpgradedInstancePercent value defined in the RollingUpgradePolicy. {percent}% of instances are in an unhealthy state after being upgraded - more than the threshold of {limitPercent}%. The most impactful error is: {impactful} {Link}",
            Details(scaleSet, unhealthy));
    }

    /// <summary>The error a run carries while it goes on with failed instances.</summary>
    public static RunError WithFailed(string scaleSet, IReadOnlyList<InstanceOutcome> failed) =>
        new(
            InProgressWithFailed,
            $"Rolling upgrade is in progress with {failed.Count.ToString(CultureInfo.InvariantCulture)} failed upgraded instance(s), within the MaxUnhealthyUpgradedInstancePercent limit of the RollingUpgradePolicy. {Link}",
            Details(scaleSet, failed));

    /// <summary>The target Azure names an instance by: <c>{scaleSet}/virtualMachines/{id}</c>.</summary>
    public static string Target(string scaleSet, string instanceId) => $"{scaleSet}/virtualMachines/{instanceId}";

    private static ImmutableArray<RunErrorDetail> Details(string scaleSet, IReadOnlyList<InstanceOutcome> outcomes) =>
        [.. outcomes
            .OrderBy(o => o.InstanceId, InstanceOrder.Instance)
            .Select(o => new RunErrorDetail(o.ErrorCode ?? InstanceUnhealthy, Target(scaleSet, o.InstanceId), o.ErrorMessage ?? UnhealthyMessage))];

    private static int Percent(int part, int whole) => whole == 0 ? 0 : (int)Math.Round(part * 100.0 / whole, MidpointRounding.AwayFromZero);
}
