using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Abstractions.Views;
using VmssGrains.Domain;
using VmssGrains.Domain.Faults;
using VmssGrains.Domain.Fleet;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Load;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Randomness;
using VmssGrains.Domain.Rolling;
using VmssGrains.Domain.ScaleSets;
using VmssGrains.Domain.Time;

namespace VmssGrains.Grains.Tests;

/// <summary>Every serialized type survives Orleans' serializer unchanged, and every one of them is covered here.</summary>
public sealed class SerializationTests
{
    private static readonly Serializer Serializer = new ServiceCollection()
        .AddSerializer(b => b.AddAssembly(typeof(InstanceState).Assembly).AddAssembly(typeof(GrainKeys).Assembly).AddAssembly(typeof(ScaleSetState).Assembly))
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    private static readonly JsonSerializerOptions Json = new() { IncludeFields = true };

    public static TheoryData<string> Names() => [.. Samples().Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void RoundTrip_KeepsEveryValue(string type)
    {
        var value = Samples()[type];

        var copy = Serializer.Deserialize<object>(Serializer.SerializeToArray<object>(value))!;

        Assert.Equal(value.GetType(), copy.GetType());
        Assert.Equal(JsonSerializer.Serialize(value, value.GetType(), Json), JsonSerializer.Serialize(copy, copy.GetType(), Json));
    }

    [Fact]
    public void RoundTrip_AzureException_KeepsCodeTargetAndMessage()
    {
        var error = new AzureException("InvalidParameter", "maxBatchInstancePercent: 150 is out of range", "properties.x");

        var copy = Serializer.Deserialize<Exception>(Serializer.SerializeToArray<Exception>(error));

        var azure = Assert.IsType<AzureException>(copy);
        Assert.Equal((error.Code, error.Target, error.Message), (azure.Code, azure.Target, azure.Message));
    }

    [Fact]
    public void Samples_CoverEverySerializedType()
    {
        var serialized = new[] { typeof(InstanceState).Assembly, typeof(GrainKeys).Assembly, typeof(ScaleSetState).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t.GetCustomAttribute<GenerateSerializerAttribute>() is not null && !t.IsAbstract && !typeof(Exception).IsAssignableFrom(t))
            .Select(t => t.FullName!)
            .Order(StringComparer.Ordinal)
            .ToList();

        var covered = Samples().Values.Select(v => v.GetType().FullName!).ToHashSet();

        var missing = serialized.Where(t => !covered.Contains(t)).ToList();
        Assert.True(missing.Count == 0, $"no round-trip sample for: {string.Join(", ", missing)}");
    }

    private static Dictionary<string, object> Samples()
    {
        var now = new DateTimeOffset(2026, 1, 1, 1, 2, 3, TimeSpan.Zero);
        var image = new ImageReference(ImageSource.Gallery, "web", "1.1.0", "g", "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/web");
        var extension = new ExtensionSpec { Name = "app", Type = "CustomScript", ProvisionAfterExtensions = ["agent"], ForceUpdateTag = "2", Duration = new Distribution(TimeSpan.FromMinutes(2), TimeSpan.FromSeconds(5)), Idempotent = false, ScriptSource = "github" };
        var model = new ScaleSetModel { Name = "web", Capacity = 3, Zones = ["1", "2"], Image = image, Extensions = [extension], HealthProbe = new LoadBalancerReference("lb", "http"), LoadBalancers = ["lb"], ProfileFingerprint = "abc", Location = "westeurope" };
        var faults = new FaultRules
        {
            UnhealthyAfterUpgrade = [new ImageFault("1.1.0", 0.3, ["2"])],
            ExtensionFailures = [new ExtensionFault("app", 0.1, ["1"])],
            Outages = [new SourceOutage("app", now, now.AddHours(1))],
            NonIdempotentExtensions = ["app"],
            AllocationFailureProbability = 0.05,
            UnhealthyPerInstanceHour = 0.01,
            BadImages = [new BadImageFault("1.2.0", 0.1)],
        };
        var timing = TimingProfile.Default with { ProbeInterval = Distribution.Fixed(TimeSpan.FromSeconds(5)), Extensions = ImmutableDictionary<string, Distribution>.Empty.Add("app", Distribution.Fixed(TimeSpan.FromMinutes(1))) };
        var profile = new InstanceProfile { Key = new InstanceProfileKey("web", 2, 3), Seed = 7, Timing = timing, Faults = faults };
        var order = new UpgradeOrder { RunId = "run-1", TargetImage = image, TargetModelVersion = 2, Extensions = [extension], LoadBalancers = ["lb"], Health = new HealthCheck(HealthSourceKind.LoadBalancerProbe, TimeSpan.FromSeconds(5), 2), Profile = profile.Key, HealthWaitTimeout = TimeSpan.FromMinutes(5), BakedInExtensions = ["app"], Serial = 4 };
        var summary = new InstanceSummary { InstanceId = "2", Zone = "1", FaultDomain = 1, ModelVersion = 2, Image = image, Health = HealthState.Unknown, Busy = true, UnhealthySince = now, Settling = true, Sequence = 7, OrderSerial = 4 };
        var state = InstanceMachine.Start(InstanceMachine.Deployed("web", "2", "1", 1, 1, image.AtVersion("1.0.0"), [extension], ["lb"], profile.Key, now), order, profile, now).State with { PreviousImage = image, LastOperationEnd = now, ReportSequence = 7 };
        var outcome = new InstanceOutcome("2", false, "VMExtensionProvisioningError", "failed");
        var run = new RunState
        {
            RunId = "run-1",
            Kind = RunKind.OSUpgrade,
            TargetImage = image,
            Pending = ["3"],
            InFlight = ["2"],
            Succeeded = ["0"],
            Failed = ImmutableDictionary<string, InstanceOutcome>.Empty.Add("1", outcome),
            Batches = [new BatchRecord(1, "1", ["0", "1"], now, now.AddMinutes(6)) { Critical = new CriticalInstance("1", now.AddMinutes(6), [new StepRecord("drain", null, now, now.AddSeconds(10), "Succeeded")]) }],
            Critical = new CriticalInstance("2", now, []),
            Error = new RunError("RollingUpgradeInProgressWithFailedUpgradedVMs", "m", [new RunErrorDetail("c", "t", "m")]),
            StartTime = now,
            LastActionTime = now,
        };
        var operation = new OperationStatus { Name = "op", Operation = "Update", StartTime = now, EndTime = now, ErrorCode = "c", ErrorMessage = "m", RunId = "run-1" };
        var timeline = new TimelinePoint(now, 8, 2, 0);
        var repair = new RepairRecord { InstanceId = "4", RepairAction = RepairAction.Replace, StartTime = now, ReplacementInstanceId = "9", EndTime = now.AddMinutes(8), Status = "Failed", ErrorCode = "c", ErrorMessage = "m" };
        var scaleSetState = new ScaleSetState
        {
            Name = "web",
            Resource = "{}",
            Model = model,
            ModelVersion = 2,
            Models = ImmutableDictionary<int, ScaleSetModel>.Empty.Add(2, model),
            Instances = ImmutableDictionary<string, InstanceSummary>.Empty.Add("2", summary),
            Runs = [new RunRecord(run, "Rolling")],
            ActiveRun = 0,
            Operations = [operation],
            Generation = 2,
            Profiles = [profile with { Key = profile.Key with { Version = 1 } }, profile],
            Timeline = [timeline],
            ScaleWaits = ImmutableDictionary<string, ImmutableHashSet<string>>.Empty.Add("op", ["2"]),
            RepairHistory = [repair],
            Repairs = ImmutableDictionary<string, RepairWork>.Empty.Add("9", new RepairWork(RepairAction.Replace, "4")),
            Catalog = ImageCatalog.Empty.With(new ImageVersionInfo { Image = image, PublishedAt = now }),
            InFlight = ImmutableDictionary<string, OrderRequest>.Empty.Add("2", new OrderRequest { Tag = new OrderTag(OrderPurpose.Run, "run-1"), Image = new ImageVersionInfo { Image = image } }),
        };
        object[] values =
        [
            image, extension, model, faults, timing, profile, profile.Key, order, summary, state, state.Active!, state.Active!.PendingFailure ?? new InstanceFailure("c", "m"),
            outcome, run, run.Batches[0], run.Batches[0].Critical!, faults.BadImages[0], run.Error!, run.Error!.Details[0], operation, timeline, scaleSetState,
            new RunRecord(run, "Rolling"),
            new OrderTag(OrderPurpose.Surge, "run-1"),
            new RepairWork(RepairAction.Replace, "4"),
            scaleSetState.Catalog,
            new ImageGallerySnapshot(
                ImageCatalog.Empty.With(new ImageVersionInfo { Image = image, PublishedAt = now }),
                ["web"],
                ImmutableDictionary<string, ImmutableArray<string>>.Empty.Add("web", ["web"]),
                ImmutableDictionary<long, ImageVersionInfo>.Empty.Add(3, new ImageVersionInfo { Image = image, PublishedAt = now }),
                3),
            new OrderRequest { Tag = new OrderTag(OrderPurpose.Run, "run-1"), Kind = OperationKind.Reimage, ModelVersion = 2, Image = new ImageVersionInfo { Image = image }, HealthWaitTimeout = TimeSpan.FromMinutes(5) },
            new InstanceSpec { InstanceId = "7", Zone = "2", FaultDomain = 1, Image = image, ModelVersion = 2, LoadBalancers = ["lb"], Sequence = 7 },
            new InstanceCreation(new InstanceSpec { InstanceId = "8", Image = image, ModelVersion = 2, Deployed = true, LoadBalancers = ["lb"] }, [extension], profile.Key, now),
            new BackendUpdate("web/8", Registered: true, InPool: true, Healthy: false),
            new LostOperation("2", StateLost: true),
            OrderCheck.Missing,
            new ScaleSetSnapshot { Name = "web", ModelVersion = 2, Model = model, Runs = [new RunRecord(run, "Rolling")], Timeline = [timeline], Instances = [summary], LatestRollingRun = 0, Operations = [operation], Repairs = [repair] },
            new InstancePage { Model = model, ModelVersion = 2, Value = [summary], SkipToken = "2" },
            repair,
            new LoadBalancerConfig { RequestsPerSecond = 8000, CapacityPerInstance = 900, OfferedLoadCurve = new OfferedLoadCurve { MeanRequestsPerSecond = 800, Amplitude = 0.2, PeakSeconds = 3600 }, WarmUp = new WarmUp(120, 50), MaxQueueSeconds = 5, Origin = now },
            new LoadBalancerStatus("lb", new LoadBalancerConfig(), 10, 9, 8, new TrafficMeter { RequestsPerSecond = 10, Backends = 10, InService = 8, Since = now, Offered = 100, Served = 90, MinInServicePercent = 80, TargetCapacity = 12, MinInService = 8 }),
            new TrafficMeter
            {
                RequestsPerSecond = 10, Since = now, Curve = new OfferedLoadCurve { Points = [new LoadCurvePoint(0, 10), new LoadCurvePoint(60, 20)] }, WarmUp = new WarmUp(60, 0),
                MaxQueueSeconds = 3, Origin = now, StartedAt = now, Minutes = [new LoadMinute(2, 10, 5, 7.5)], Warming = [now], DroppedCount = 5, LatencySum = 7.5,
                Queue = [new QueuedRequests(120, 4.5)], SecondCapacity = 2.25,
            },
            new OfferedLoadCurve { Points = [new LoadCurvePoint(0, 10)] },
            new LoadCurvePoint(30, 40),
            new WarmUp(90, 25),
            new LoadMinute(1, -2, 3, 4),
            new QueuedRequests(7, 8),
            new ImageVersionInfo { Image = image, BakedInExtensions = ["app"], PublishedAt = now, Reimage = Distribution.Fixed(TimeSpan.FromMinutes(2)) },
            new SimulationSettings { Seed = 9, Timing = timing, Faults = faults },
            new ClusterTime(now, "scaled:60", 60),
            new SiloIdentity("127.0.0.1:11112", "127.0.0.1:30001", "Silo_1"),
            new HealthCheck(HealthSourceKind.ApplicationHealthExtension, TimeSpan.FromSeconds(5), 1),
            new DiskState(2, "web:1.1.0", ["/a"]),
            new ExtensionStatus("app", "f", "2", "Failed", "m", true),
            new UpgradePolicy { Mode = UpgradeMode.Rolling, RollingUpgradePolicy = new RollingUpgradePolicy { MaxBatchInstancePercent = 50, PauseTimeBetweenBatches = TimeSpan.FromMinutes(5), MaxSurge = true }, AutomaticOSUpgradePolicy = new AutomaticOSUpgradePolicy { EnableAutomaticOSUpgrade = true, OsRollingUpgradeDeferral = true } },
            new RollingUpgradePolicy { EnableCrossZoneUpgrade = true, PrioritizeUnhealthyInstances = true },
            new AutomaticOSUpgradePolicy { DisableAutomaticRollback = true, UseRollingUpgradePolicy = true },
            new AutomaticRepairsPolicy { Enabled = true, GracePeriod = TimeSpan.FromMinutes(10), RepairAction = RepairAction.Reimage },
            new LoadBalancerReference("lb", "http"),
            new ValidationError("InvalidParameter", "a.b", "m"),
            new Distribution(TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(1)),
            new SeededRandom(42),
            new Placement("7", "2", 1),
            new FleetCounts(1, 2, 3),
            new ImageFault("1.1.0", 0.5, ["1"]),
            new ExtensionFault("app", 0.5, ["1"]),
            new SourceOutage("app", now, now.AddMinutes(5)),
            new EvaluateDue(),
            new InstanceFinished(outcome),
            new PauseElapsed(3),
            new CancelRequested { Error = new RunError("MaxSurgeInstanceUnhealthy", "m", []) },
            new InstanceReturned("4"),
            new StepRecord("extension", "app", now, now.AddMinutes(2), "VMExtensionProvisioningError", "failed"),
            new AuditRecord { Time = now, Caller = "alice", ScaleSet = "web", Action = "InstanceUpgrade", Result = "Succeeded", RunId = "run-1", Batch = 2, InstanceId = "3", Step = "drain", Message = "m" },
            new ActivityLogQuery { RunId = "run-1", InstanceId = "3", From = now, To = now.AddHours(1), Result = "Failed", Limit = 10 },
            new InstanceReport("run-1", outcome, summary, OperationKind.Reimage) { Steps = [new StepRecord("drain", null, now, now, "Succeeded")], StartedAt = now, TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", OrderSerial = 4 },
        ];
        return values.GroupBy(v => v.GetType().FullName!).ToDictionary(g => g.Key, g => g.First());
    }
}
