using System.Globalization;
using VmssGrains.Grains.Clock;
using VmssGrains.Grains.Hosting;
using VmssGrains.Simulation.Driving;
using VmssGrains.Simulation.Reference;
using VmssGrains.Simulation.Scenarios;
using VmssGrains.Tests.Shared;

namespace VmssGrains.Benchmarks.Fleet;

/// <summary>
/// One measured run of one engine in this process: the fleet scenario played by <see cref="ScenarioRunner"/>, as
/// <c>simulate</c> plays it (the Orleans engine on an in-process cluster of N silos on one virtual clock, watched for
/// simulation faults; or the reference engine), timed by phase, then checked.
/// </summary>
internal static class FleetRun
{
    /// <summary>Runs the fleet on <paramref name="engine"/> and returns what was measured.</summary>
    public static async Task<FleetMeasurement> RunAsync(FleetOptions options, FleetEngine engine)
    {
        var scenario = ScenarioReader.Read(FleetScenario.Json(options.Sets, options.InstancesPerSet));
        return engine == FleetEngine.Orleans ? await OnOrleansAsync(options, scenario) : await OnReferenceAsync(options, scenario);
    }

    private static async Task<FleetMeasurement> OnOrleansAsync(FleetOptions options, Scenario scenario)
    {
        using var host = SimulationHost.Create(ClockSpec.Virtual);
        await using var cluster = SimulationClusters.Builder(options.Silos, host).Build();
        await cluster.DeployAsync();
        using var calls = new GrainCallCounter();
        using var watching = new FaultWatchingScenarioClock(new VirtualScenarioClock(host.VirtualClock!, host.Monitor), host.Monitor);
        var measurement = await MeasureAsync(options, FleetEngine.Orleans, cluster.Client, scenario, watching, calls);
        if (host.VirtualClock!.Underflows != 0)
        {
            measurement = measurement with { Problems = [.. measurement.Problems, string.Create(CultureInfo.InvariantCulture, $"the virtual clock underflowed {host.VirtualClock.Underflows} times")] };
        }

        return measurement;
    }

    private static Task<FleetMeasurement> OnReferenceAsync(FleetOptions options, Scenario scenario)
    {
        var engine = new ReferenceEngine(VirtualClock.DefaultEpoch);
        return MeasureAsync(options, FleetEngine.Reference, new ReferenceGrains(engine), scenario, new ReferenceScenarioClock(engine), calls: null);
    }

    private static async Task<FleetMeasurement> MeasureAsync(FleetOptions options, FleetEngine engine, IGrainFactory grains, Scenario scenario, IScenarioClock clock, GrainCallCounter? calls)
    {
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var heapAfterCreate = 0L;
        var heapAfterUpgrade = 0L;
        var callsAtCreate = 0L;
        var callsAtEnd = 0L;
        var cpuAtCreate = TimeSpan.Zero;
        var cpuAtEnd = TimeSpan.Zero;
        var phases = new PhaseClock(
            clock,
            created: () =>
            {
                heapAfterCreate = GC.GetTotalMemory(forceFullCollection: true);
                callsAtCreate = calls?.Read() ?? 0;
                cpuAtCreate = MachineLoad.ProcessCpu();
            },
            upgraded: () =>
            {
                cpuAtEnd = MachineLoad.ProcessCpu();
                callsAtEnd = calls?.Read() ?? 0;
                heapAfterUpgrade = GC.GetTotalMemory(forceFullCollection: true);
            });

        // The report is built as simulate builds it, and dropped: the benchmark reads the scale sets itself.
        _ = await new ScenarioRunner(grains, phases).RunAsync(scenario);
        var report = phases.Report;
        var peak = PeakMemory.Read();
        var (upgraded, problems) = await UpgradeCheck.RunAsync(grains, options.Sets, options.InstancesPerSet);
        return new FleetMeasurement
        {
            Engine = engine,
            Instances = options.Instances,
            CreateSeconds = phases.Create.TotalSeconds,
            UpgradeSeconds = phases.Upgrade.TotalSeconds,
            UpgradeCpuSeconds = (cpuAtEnd - cpuAtCreate).TotalSeconds,
            ReportSeconds = report.TotalSeconds,
            SimulatedSeconds = (phases.End - phases.Start).TotalSeconds,
            HeapBeforeBytes = heapBefore,
            HeapAfterCreateBytes = heapAfterCreate,
            HeapAfterUpgradeBytes = heapAfterUpgrade,
            PeakRssBytes = peak,
            UpgradeGrainCalls = calls is null ? null : callsAtEnd - callsAtCreate,
            UpgradedOnce = upgraded,
            Problems = problems,
        };
    }
}
