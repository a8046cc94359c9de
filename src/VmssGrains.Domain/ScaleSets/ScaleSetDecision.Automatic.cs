using System.Collections.Immutable;
using VmssGrains.Domain.Fleet;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;

namespace VmssGrains.Domain.ScaleSets;

/// <summary>
/// Automatic OS image upgrades (docs/behaviour.md#automatic-os-image-upgrades): the platform starts an OS upgrade when a
/// new version of the image is published, in 20/20/20 batches (or the set's rolling policy with
/// <c>useRollingUpgradePolicy</c>), zone by zone, waiting up to 5 minutes per instance, restoring the previous OS disk of
/// an instance that stays unhealthy unless <c>disableAutomaticRollback</c>; with <c>osRollingUpgradeDeferral</c>
/// instances wait for approval.
/// </summary>
internal sealed partial class ScaleSetDecision
{
    private void OnImageVersionPublished(ImageVersionInfo version)
    {
        if (!S.Exists || !FollowsImage(Model) || !string.Equals(version.Image.Image, Model.Image.Image, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        Audit("ImageVersionPublished", "Accepted", message: $"{version.Image.Image} {version.Image.Version}", caller: "Platform");
        if (S.Run is { IsEnded: false })
        {
            // One run at a time: the platform upgrades when the run under way ends.
            S = S with { PlatformUpgradePending = true };
            return;
        }

        StartPlatformUpgrade();
    }

    private void Approve(ImmutableArray<string> instanceIds)
    {
        EnsureInstances(instanceIds, required: false);
        S = instanceIds.IsDefaultOrEmpty ? S with { ApprovedAll = true } : S with { Approved = S.Approved.Union(instanceIds) };
        Audit("ApproveRollingUpgrade", "Succeeded", S.Run?.RunId, message: instanceIds.IsDefaultOrEmpty ? "all instances" : $"instances {string.Join(", ", instanceIds)}");
        if (S.Run is not { Deferred: true, IsEnded: false } run)
        {
            return;
        }

        var released = S.AwaitingApproval.Where(id => S.ApprovedAll || S.Approved.Contains(id)).Order(InstanceOrder.Instance).ToList();
        var orders = new Dictionary<(int, string), OrderRequest>();
        foreach (var id in released)
        {
            S = S with { AwaitingApproval = S.AwaitingApproval.Remove(id) };
            Commands.Add(new StartOrder(id, RunOrder(run, S.Instances[id], orders)));
        }
    }

    /// <summary>True when the model asks for automatic OS image upgrades of a <c>latest</c> image.</summary>
    private static bool FollowsImage(ScaleSetModel model) =>
        model.UpgradePolicy.AutomaticOSUpgradePolicy.EnableAutomaticOSUpgrade && model.Image.IsLatest;

    /// <summary>Follows the model's image in the gallery (or stops following) as the model requires.</summary>
    private void FollowImage()
    {
        var wanted = S.Exists && FollowsImage(Model) ? Model.Image.Image : null;
        if (!string.Equals(wanted, S.FollowedImage, StringComparison.OrdinalIgnoreCase))
        {
            Commands.Add(new FollowImage(S.FollowedImage, wanted));
            S = S with { FollowedImage = wanted };
        }
    }

    private void StartPendingPlatformUpgrade()
    {
        if (S.PlatformUpgradePending && S.Run is null)
        {
            S = S with { PlatformUpgradePending = false };
            StartPlatformUpgrade();
        }
    }

    private void StartPlatformUpgrade()
    {
        var model = Model;
        if (!FollowsImage(model))
        {
            return;
        }

        var target = Resolve(model.Image).Image;
        var scope = RunScope.NotOnImage(S.Instances.Values, target);
        if (scope.IsEmpty)
        {
            return;
        }

        var auto = model.UpgradePolicy.AutomaticOSUpgradePolicy;
        var policy = (auto.UseRollingUpgradePolicy ? model.UpgradePolicy.RollingUpgradePolicy : RollingUpgradePolicy.Default) with
        {
            // Zones are never upgraded at the same time by automatic OS upgrades.
            EnableCrossZoneUpgrade = false,
        };
        StartRun(RunKind.OSUpgrade, gated: true, scope, operation: null, target, "Platform", policy, automaticRollback: !auto.DisableAutomaticRollback, deferred: auto.OsRollingUpgradeDeferral);
    }
}
