using System.Collections.Immutable;
using VmssGrains.Domain.Fleet;
using VmssGrains.Domain.Planning;
using VmssGrains.Grains.Clock;
using VmssGrains.Simulation.Driving;
using VmssGrains.Simulation.Reference;
using VmssGrains.Simulation.Scenarios;

namespace VmssGrains.Simulation.Planning;

/// <summary>
/// Plays one scenario once per seed on the reference engine and measures each run (docs/planning.md). Each run has an
/// engine of its own (a <see cref="ReferenceEngine"/>, its objects and its <see cref="ScenarioRunner"/>), created and
/// used on one thread-pool thread; the engine, the runner and the pure core share no mutable static state (the caller
/// and acting time travel in Orleans' request context, which is per asynchronous flow), so runs may go in parallel and
/// the result is the same whatever the parallelism: measures are kept by seed, not by the order runs finish in.
/// </summary>
public static class SeedSweep
{
    /// <summary>
    /// Runs <paramref name="scenario"/> with each of <paramref name="seeds"/>, at most <paramref name="parallelism"/> at
    /// once (1 is one after the other; the default is <see cref="Environment.ProcessorCount"/>), and returns the
    /// measures in the order of <paramref name="seeds"/>.
    /// </summary>
    /// <exception cref="ScenarioException">A run refused the scenario.</exception>
    /// <exception cref="Grains.Hosting.SimulationFaultException">A run's wake-up or one-way call threw.</exception>
    public static async Task<ImmutableArray<RunMeasures>> RunAsync(Scenario scenario, IReadOnlyList<long> seeds, int? parallelism = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(seeds);
        var results = new RunMeasures[seeds.Count];
        var options = new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Clamp(parallelism ?? Environment.ProcessorCount, 1, Environment.ProcessorCount),
            CancellationToken = cancellationToken,
        };
        await Parallel.ForEachAsync(Enumerable.Range(0, seeds.Count), options, async (i, token) =>
        {
            // A flow of its own: the runner's request context (caller, acting time) stays in this run.
            results[i] = await Task.Run(() => RunOneAsync(scenario, seeds[i], token), token);
        });
        return [.. results];
    }

    /// <summary>Plays <paramref name="scenario"/> with <paramref name="seed"/> on a new reference engine and measures it.</summary>
    public static async Task<RunMeasures> RunOneAsync(Scenario scenario, long seed, CancellationToken cancellationToken = default)
    {
        var engine = new ReferenceEngine(VirtualClock.DefaultEpoch);
        var runner = new ScenarioRunner(new ReferenceGrains(engine), new ReferenceScenarioClock(engine)) { Instances = InstanceListing.None };
        var report = await runner.RunAsync(scenario, seed, cancellationToken);
        return ReportMeasures.Read(seed, report.Json);
    }
}
