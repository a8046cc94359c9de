using System.Collections.Immutable;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Abstractions.Views;
using VmssGrains.Domain.Fleet;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;
using VmssGrains.Domain.ScaleSets;

namespace VmssGrains.Grains.ScaleSet;

/// <summary>
/// Automatic OS image upgrades (docs/behaviour.md#automatic-os-image-upgrades): the platform starts an OS upgrade when a new version of the image
/// is published, in 20/20/20 batches (or the set's rolling policy with <c>useRollingUpgradePolicy</c>), zone
/// by zone, waiting up to 5 minutes per instance, restoring the previous OS disk of an instance that stays
/// unhealthy unless <c>disableAutomaticRollback</c>; with <c>osRollingUpgradeDeferral</c> instances wait for approval.
/// </summary>
public sealed partial class ScaleSetGrain
{
    /// <inheritdoc/>
    public async Task OnImageVersionPublishedAsync(ImageVersionInfo version)
    {
        if (!S.Exists || !FollowsImage(Model) || !string.Equals(version.Image.Image, Model.Image.Image, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        Audit("ImageVersionPublished", "Accepted", message: $"{version.Image.Image} {version.Image.Version}", caller: "Platform");
        if (S.Run is { IsEnded: false })
        {
            // One run at a time: the platform upgrades when the run under way ends.
            S.PlatformUpgradePending = true;
            return;
        }

        await StartPlatformUpgradeAsync();
        await store.WriteStateAsync();
    }

    /// <inheritdoc/>
    public Task ApproveRollingUpgradeAsync(ImmutableArray<string> instanceIds, CancellationToken cancellationToken = default) =>
        AuditedAsync("ApproveRollingUpgrade", async () =>
        {
            EnsureInstances(instanceIds, required: false);
            if (instanceIds.IsDefaultOrEmpty)
            {
                S.ApprovedAll = true;
            }
            else
            {
                S.Approved.UnionWith(instanceIds);
            }

            Audit("ApproveRollingUpgrade", "Succeeded", S.Run?.RunId, message: instanceIds.IsDefaultOrEmpty ? "all instances" : $"instances {string.Join(", ", instanceIds)}");
            if (S.Run is not { Deferred: true, IsEnded: false } run)
            {
                return;
            }

            var released = S.AwaitingApproval.Where(id => S.ApprovedAll || S.Approved.Contains(id)).Order(InstanceOrder.Instance).ToList();
            var orders = new Dictionary<(int, string), Domain.Instances.UpgradeOrder>();
            foreach (var id in released)
            {
                S.AwaitingApproval.Remove(id);
                await Instance(id).StartAsync(await RunOrderAsync(run, S.Instances[id], orders));
            }

            await store.WriteStateAsync();
        });

    /// <summary>True when the model asks for automatic OS image upgrades of a <c>latest</c> image.</summary>
    private static bool FollowsImage(ScaleSetModel model) =>
        model.UpgradePolicy.AutomaticOSUpgradePolicy.EnableAutomaticOSUpgrade && model.Image.IsLatest;

    /// <summary>Follows the model's image in the gallery (or stops following) as the model requires.</summary>
    private async Task FollowImageAsync()
    {
        var wanted = S.Exists && FollowsImage(Model) ? Model.Image.Image : null;
        if (string.Equals(wanted, S.FollowedImage, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var gallery = GrainFactory.GetGrain<IImageGalleryGrain>(Abstractions.GrainKeys.Gallery);
        if (S.FollowedImage is { } old)
        {
            await gallery.FollowAsync(old, Name, follow: false);
        }

        if (wanted is not null)
        {
            await gallery.FollowAsync(wanted, Name, follow: true);
        }

        S.FollowedImage = wanted;
    }

    private async Task StartPendingPlatformUpgradeAsync()
    {
        if (S.PlatformUpgradePending && S.Run is null)
        {
            S.PlatformUpgradePending = false;
            await StartPlatformUpgradeAsync();
            await store.WriteStateAsync();
        }
    }

    private async Task StartPlatformUpgradeAsync()
    {
        var model = Model;
        if (!FollowsImage(model))
        {
            return;
        }

        var target = (await ResolveAsync(model.Image)).Image;
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
        await StartRunAsync(RunKind.OSUpgrade, gated: true, scope, operation: null, target, "Platform", policy, automaticRollback: !auto.DisableAutomaticRollback, deferred: auto.OsRollingUpgradeDeferral);
    }
}
