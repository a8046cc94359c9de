using System.Diagnostics;
using System.Globalization;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Simulation.Scenarios;

namespace VmssGrains.Client.Rendering;

/// <summary>
/// The live progress of <c>simulate</c> on standard error: simulated time since the scenario started and wall time,
/// then one line per scale set of the scenario (its newest run, batches, counters, instances in service), read from
/// the scale sets' snapshots and the simulation clock a few times a second while the scenario runs.
/// </summary>
public static class SimulationProgress
{
    /// <summary>Starts the progress (nothing at all when <paramref name="error"/> is not an interactive terminal).</summary>
    /// <param name="error">The command's standard error.</param>
    /// <param name="scenario">The scenario: the scale sets to show.</param>
    /// <param name="grains">The cluster the scenario runs on.</param>
    /// <param name="now">Simulated time now: the embedded silo's clock, or <see cref="IClusterClockGrain"/> on a cluster.</param>
    /// <param name="cancellationToken">Stops the progress.</param>
    public static async Task<LiveProgress> StartAsync(TextWriter error, Scenario scenario, IGrainFactory grains, Func<Task<DateTimeOffset>> now, CancellationToken cancellationToken)
    {
        if (!Terminal.IsErrorInteractive(error))
        {
            return LiveProgress.None;
        }

        var start = await now();
        var wall = Stopwatch.StartNew();
        var simulated = TimeSpan.Zero;
        return LiveProgress.Start(error, () => Heading(simulated, wall.Elapsed), async token =>
        {
            var lines = await Task.WhenAll(scenario.ScaleSets.Select(async s =>
            {
                var scaleSet = grains.GetGrain<IScaleSetGrain>(s.Name);
                if (!await scaleSet.ExistsAsync())
                {
                    return $"  {s.Name}: being created";
                }

                var snapshot = await scaleSet.GetSnapshotAsync(token);
                return $"  {ProgressText.ScaleSet(snapshot, ProgressText.Newest(snapshot))}";
            }));
            simulated = await now() - start;
            return lines;
        }, cancellationToken);
    }

    private static string Heading(TimeSpan simulated, TimeSpan wall) =>
        string.Create(CultureInfo.InvariantCulture, $"Simulating: {ProgressText.Simulated(simulated)} · {wall.TotalSeconds:0} s of wall time");
}
