using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace VmssGrains.Benchmarks.Fleet;

/// <summary>
/// The fleet mode: a fleet of scale sets (<see cref="FleetScenario"/>) created and rolling-upgraded on the Orleans engine
/// and on the reference engine. Every run of an engine is a process of its own (this program with
/// <c>--in-process</c>), so no two fleets share a heap and each peak RSS is its run's alone; this process only
/// starts them, relays what they print and prints the medians.
/// </summary>
internal static class FleetBenchmark
{
    private const string ResultPrefix = "result: ";

    private static readonly JsonSerializerOptions ResultJson = new() { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Runs the fleet mode with the arguments after <c>fleet</c>; returns the exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        FleetOptions options;
        try
        {
            options = FleetOptions.Parse(args);
        }
        catch (FormatException e)
        {
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            await Console.Error.WriteLineAsync(FleetOptions.Usage);
            return 2;
        }

        if (options.InProcess)
        {
            var measurement = await FleetRun.RunAsync(options, options.Engine);
            Console.WriteLine(FleetReport.Run(measurement, options));
            Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(measurement, ResultJson));
            return measurement.Problems.Count == 0 ? 0 : 1;
        }

        var engines = options.Engine == FleetEngine.Both ? [FleetEngine.Orleans, FleetEngine.Reference] : new[] { options.Engine };
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fleet {options.Sets:N0} scale sets x {options.InstancesPerSet:N0} instances = {options.Instances:N0} instances, each set behind its own load balancer; Rolling, 20 % batches, no pause; {string.Join(" and ", engines.Select(e => FleetReport.EngineName(e, options)))}; {options.Repetitions} repetition{(options.Repetitions == 1 ? "" : "s")}, each run in its own process; virtual clock; {Environment.ProcessorCount} cores, load average {MachineLoad.Averages()}"));
        var runs = engines.ToDictionary(e => e, _ => new List<FleetMeasurement>());
        for (var repetition = 1; repetition <= options.Repetitions; repetition++)
        {
            foreach (var engine in engines)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {repetition}, {FleetReport.EngineName(engine, options)}:"));
                var measurement = await RunChildAsync(options, engine);
                if (measurement is null)
                {
                    return 1;
                }

                runs[engine].Add(measurement);
            }
        }

        Console.WriteLine(Invariant($"load average at the end {MachineLoad.Averages()}"));
        Console.WriteLine();
        Console.Write(FleetReport.Medians(runs, options));
        return runs.Values.SelectMany(r => r).All(m => m.Problems.Count == 0) ? 0 : 1;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Runs one repetition of <paramref name="engine"/> in a child process; null (after saying why on stderr) when it failed.</summary>
    private static async Task<FleetMeasurement?> RunChildAsync(FleetOptions options, FleetEngine engine)
    {
        var start = new ProcessStartInfo { FileName = Environment.ProcessPath!, RedirectStandardOutput = true, UseShellExecute = false };

        // Started as `dotnet VmssGrains.Benchmarks.dll`: the child needs the assembly too.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
        {
            start.ArgumentList.Add(typeof(FleetBenchmark).Assembly.Location);
        }

        foreach (var argument in options.ChildArguments(engine))
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start)!;
        FleetMeasurement? measurement = null;
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(ResultPrefix, StringComparison.Ordinal))
            {
                measurement = JsonSerializer.Deserialize<FleetMeasurement>(line[ResultPrefix.Length..], ResultJson);
            }
            else
            {
                Console.WriteLine("  " + line);
            }
        }

        await child.WaitForExitAsync();
        if (measurement is null)
        {
            await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"error: the {engine.ToString().ToLowerInvariant()} run ({string.Join(' ', options.ChildArguments(engine))}) exited {child.ExitCode} without a result"));
        }

        return measurement;
    }
}
