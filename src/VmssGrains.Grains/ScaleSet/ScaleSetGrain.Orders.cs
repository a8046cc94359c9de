using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Abstractions.Views;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.ScaleSets;

namespace VmssGrains.Grains.ScaleSet;

/// <summary>Builds the orders instances carry out: the model's extensions, the image, the health source, timing, seed and faults.</summary>
public sealed partial class ScaleSetGrain
{
    private Task<ImageVersionInfo> ResolveAsync(ImageReference image) =>
        GrainFactory.GetGrain<IImageGalleryGrain>(GrainKeys.Gallery).ResolveAsync(image);

    private async Task<UpgradeOrder> OrderForAsync(OperationKind kind, ScaleSetModel model, int modelVersion, ImageVersionInfo image, string runId, bool waitForHealth) =>
        new()
        {
            RunId = runId,
            Kind = kind,
            TargetModelVersion = modelVersion,
            TargetImage = image.Image,
            BakedInExtensions = image.BakedInExtensions,
            Extensions = model.Extensions,
            Drain = model.DrainsTraffic,
            LoadBalancers = model.AllLoadBalancers,
            Health = await HealthCheckAsync(model),
            WaitForHealth = waitForHealth,
            Timing = S.Settings.Timing,
            Seed = S.Settings.Seed,
            Faults = S.Settings.Faults,
            ReimageDuration = image.Reimage,
            RerunAllExtensions = kind == OperationKind.Extensions,
        };

    /// <summary>The health source of a model: its load balancer probe (settings from the load balancer), else the Application Health extension.</summary>
    private async Task<HealthCheck> HealthCheckAsync(ScaleSetModel model)
    {
        var timing = S.Settings.Timing;
        if (model.HealthProbe is { } probe)
        {
            var config = await GrainFactory.GetGrain<ILoadBalancerGrain>(probe.LoadBalancer).GetConfigAsync();
            var interval = timing.ProbeInterval?.Mean ?? TimeSpan.FromSeconds(config.IntervalInSeconds);
            return new HealthCheck(HealthSourceKind.LoadBalancerProbe, interval, config.NumberOfProbes);
        }

        if (model.Extensions.Any(e => e.IsApplicationHealth))
        {
            // The Application Health extension's defaults: a probe every 5 s, one success to be healthy.
            return new HealthCheck(HealthSourceKind.ApplicationHealthExtension, timing.ProbeInterval?.Mean ?? TimeSpan.FromSeconds(5), 1);
        }

        return HealthCheck.None;
    }
}
