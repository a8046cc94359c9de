using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace VmssGrains.Grains.Telemetry;

/// <summary>
/// The simulation's OpenTelemetry surface: one <see cref="Meter"/> and one <see cref="ActivitySource"/>
/// named <c>VmssGrains</c>, instruments named <c>vmss.*</c>, attributes named like Azure's properties
/// (<c>scaleSet</c>, <c>zone</c>, <c>runId</c>, <c>imageVersion</c>, <c>loadBalancer</c>). Durations are
/// simulated seconds; span start and end times are simulated times.
/// </summary>
public static class VmssTelemetry
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = "VmssGrains";

    /// <summary>The meter.</summary>
    public static readonly Meter Meter = new(Name, "1.0");

    /// <summary>The activity source: a trace per run, a span per batch, per instance operation and per step.</summary>
    public static readonly ActivitySource Source = new(Name, "1.0");

    /// <summary>Instances by state (Running, Upgrading, Settling, Deleting), health and latestModelApplied, per scale set.</summary>
    public static readonly UpDownCounter<long> Instances = Meter.CreateUpDownCounter<long>("vmss.instances", "{instance}", "Instances by state and health");

    /// <summary>Runs started.</summary>
    public static readonly Counter<long> RunsStarted = Meter.CreateCounter<long>("vmss.runs.started", "{run}", "Upgrade runs started");

    /// <summary>Runs that completed.</summary>
    public static readonly Counter<long> RunsCompleted = Meter.CreateCounter<long>("vmss.runs.completed", "{run}", "Upgrade runs completed");

    /// <summary>Runs that faulted on a policy breach.</summary>
    public static readonly Counter<long> RunsFaulted = Meter.CreateCounter<long>("vmss.runs.faulted", "{run}", "Upgrade runs faulted");

    /// <summary>Operations without batches (Automatic, update-instances, reimage) that failed on an instance.</summary>
    public static readonly Counter<long> RunsFailed = Meter.CreateCounter<long>("vmss.runs.failed", "{run}", "Non-rolling operations failed on an instance");

    /// <summary>Runs cancelled.</summary>
    public static readonly Counter<long> RunsCancelled = Meter.CreateCounter<long>("vmss.runs.cancelled", "{run}", "Upgrade runs cancelled");

    /// <summary>A run's progress counters (Azure's progress: successful, failed, inProgress, pending).</summary>
    public static readonly Gauge<long> RunInstances = Meter.CreateGauge<long>("vmss.run.instances", "{instance}", "Instances of a run by progress");

    /// <summary>Bucket boundaries for upgrade durations: seconds to an hour, finest around the usual 3 to 10 minutes.</summary>
    public static readonly IReadOnlyList<double> DurationBuckets = [10, 30, 60, 120, 180, 240, 300, 360, 420, 480, 600, 900, 1200, 1800, 3600, 7200];

    /// <summary>Simulated duration of a batch.</summary>
    public static readonly Histogram<double> BatchDuration = Meter.CreateHistogram<double>(
        "vmss.batch.duration", "s", "Simulated duration of an upgrade batch", tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });

    /// <summary>Simulated duration of one instance's operation.</summary>
    public static readonly Histogram<double> InstanceUpgradeDuration = Meter.CreateHistogram<double>(
        "vmss.instance.upgrade.duration", "s", "Simulated duration of one instance's upgrade", tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });

    /// <summary>Unhealthy instances over all instances, in percent, at the last check of a run.</summary>
    public static readonly Gauge<double> UnhealthyPercent = Meter.CreateGauge<double>("vmss.unhealthy.percent", "%", "Unhealthy instances in percent (pre-batch check)");

    /// <summary><c>maxUnhealthyInstancePercent</c> of the run.</summary>
    public static readonly Gauge<double> UnhealthyLimitPercent = Meter.CreateGauge<double>("vmss.unhealthy.limit.percent", "%", "maxUnhealthyInstancePercent");

    /// <summary>Unhealthy upgraded instances over the instances upgraded so far, in percent.</summary>
    public static readonly Gauge<double> UpgradedUnhealthyPercent = Meter.CreateGauge<double>("vmss.upgraded_unhealthy.percent", "%", "Unhealthy upgraded instances in percent (post-batch check)");

    /// <summary><c>maxUnhealthyUpgradedInstancePercent</c> of the run.</summary>
    public static readonly Gauge<double> UpgradedUnhealthyLimitPercent = Meter.CreateGauge<double>("vmss.upgraded_unhealthy.limit.percent", "%", "maxUnhealthyUpgradedInstancePercent");

    /// <summary>Automatic repairs, by action and result.</summary>
    public static readonly Counter<long> Repairs = Meter.CreateCounter<long>("vmss.repairs", "{repair}", "Automatic repairs started and ended");

    /// <summary>The tag list of a scale set.</summary>
    public static TagList ScaleSet(string scaleSet) => new() { { "scaleSet", scaleSet } };
}
