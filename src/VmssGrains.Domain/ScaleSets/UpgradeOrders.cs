using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Time;

namespace VmssGrains.Domain.ScaleSets;

/// <summary>Turns what the scale-set machine asks (<see cref="OrderRequest"/>) into the order an instance carries out.</summary>
public static class UpgradeOrders
{
    /// <summary>
    /// The health source of a model (docs/behaviour.md#health): its load balancer probe, with the probe's interval and
    /// count from the load balancer (<paramref name="probeIntervalSeconds"/>, <paramref name="numberOfProbes"/>: wall
    /// seconds of the probe's definition); else the Application Health extension (a probe every 5 s, one success to be
    /// healthy); else none. A timing profile's probe interval overrides either.
    /// </summary>
    public static HealthCheck Health(ScaleSetModel model, int probeIntervalSeconds, int numberOfProbes, TimingProfile timing)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(timing);
        if (model.HealthProbe is not null)
        {
            return new HealthCheck(HealthSourceKind.LoadBalancerProbe, timing.ProbeInterval?.Mean ?? TimeSpan.FromSeconds(probeIntervalSeconds), numberOfProbes);
        }

        return model.Extensions.Any(e => e.IsApplicationHealth)
            ? new HealthCheck(HealthSourceKind.ApplicationHealthExtension, timing.ProbeInterval?.Mean ?? TimeSpan.FromSeconds(5), 1)
            : HealthCheck.None;
    }

    /// <summary>
    /// The order an instance carries out for <paramref name="request"/> on <paramref name="model"/> (the model of its
    /// version), with the scale set's current instance <paramref name="profile"/> and the request's own health wait timeout.
    /// </summary>
    public static UpgradeOrder From(OrderRequest request, ScaleSetModel model, HealthCheck health, InstanceProfileKey profile, string? traceParent)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(profile);
        return new UpgradeOrder
        {
            RunId = request.Tag.Encode(),
            Kind = request.Kind,
            TargetModelVersion = request.ModelVersion,
            TargetImage = request.Image.Image,
            BakedInExtensions = request.Image.BakedInExtensions,
            Extensions = model.Extensions,
            Drain = model.DrainsTraffic,
            LoadBalancers = model.AllLoadBalancers,
            Health = health,
            WaitForHealth = request.WaitForHealth,
            Profile = profile,
            HealthWaitTimeout = request.HealthWaitTimeout,
            ReimageDuration = request.Image.Reimage,
            RerunAllExtensions = request.Kind == OperationKind.Extensions,
            TraceParent = traceParent,
            RollbackOnFailure = request.RollbackOnFailure,
        };
    }
}
