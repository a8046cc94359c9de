using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.Instances;

/// <summary>
/// Automatic OS upgrade rollback (<c>automaticOSUpgradePolicy</c>): an instance that stays unhealthy on the new image
/// gets its previous OS disk back — reimage to the previous image, boot, extensions, probe — before it reports the
/// failure. The rollback is part of the same operation: its steps follow the upgrade's in one step history.
/// </summary>
internal static class OsDiskRollback
{
    /// <summary>
    /// The image to roll back to when the operation's order rolls back on failure, has not rolled back already, and the
    /// instance kept a previous OS disk; otherwise null.
    /// </summary>
    public static ImageReference? Applies(InstanceState state, ActiveOperation active) =>
        active.Order.RollbackOnFailure && active.RolledBackFrom is null ? state.PreviousImage : null;

    /// <summary>
    /// Replaces the operation's order and plan with the rollback's (a Reimage to <paramref name="previous"/>, no
    /// baked-in extensions, every extension again, no drain, and a probe: the order has a health source, since a
    /// rollback starts from a failed probe) from its first step; <paramref name="failure"/> is kept as the upgrade's
    /// outcome. The caller goes on to the next step, which is the plan's first.
    /// </summary>
    public static InstanceState Begin(InstanceState state, ActiveOperation active, ImageReference previous, InstanceFailure failure)
    {
        var order = active.Order with { TargetImage = previous, Kind = OperationKind.Reimage, BakedInExtensions = [] };
        return state with
        {
            Active = active with
            {
                Order = order,
                Plan = OperationPlan.Steps(new PlanFacts(state, order, ReplacesDisk: true, order.Extensions.Length, Rollback: true)),
                StepIndex = -1,
                ExtensionsToRun = order.Extensions,
                ExtensionIndex = 0,
                RolledBackFrom = failure,
                PendingFailure = null,
                NewImageDefect = false,
            },
        };
    }
}
