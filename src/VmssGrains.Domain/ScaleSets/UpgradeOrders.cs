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

    /// <summary>The order an instance carries out for <paramref name="request"/> on <paramref name="model"/> (the model of its version).</summary>
    public static UpgradeOrder From(OrderRequest request, ScaleSetModel model, HealthCheck health, SimulationSettings settings, string? traceParent)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        var timing = request.HealthWaitTimeout is { } wait ? settings.Timing with { HealthWaitTimeout = Distribution.Fixed(wait) } : settings.Timing;
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
            Timing = timing,
            Seed = settings.Seed,
            Faults = settings.Faults,
            ReimageDuration = request.Image.Reimage,
            RerunAllExtensions = request.Kind == OperationKind.Extensions,
            TraceParent = traceParent,
            RollbackOnFailure = request.RollbackOnFailure,
        };
    }

    /// <summary>The state a new instance starts from (<see cref="InstanceSpec.Deployed"/> or being created).</summary>
    public static InstanceState NewInstance(string scaleSet, InstanceSpec spec, ScaleSetModel model, SimulationSettings settings, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        return spec.Deployed
            ? InstanceMachine.Deployed(scaleSet, spec.InstanceId, spec.Zone, spec.FaultDomain, spec.ModelVersion, spec.Image, model.Extensions, spec.LoadBalancers, now)
                with
            { UnhealthyRate = settings.Faults.UnhealthyPerInstanceHour, Seed = settings.Seed }
            : InstanceMachine.New(scaleSet, spec.InstanceId, spec.Zone, spec.FaultDomain, spec.Image, spec.LoadBalancers, now);
    }
}
