using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using VmssGrains.Domain.Time;
using VmssGrains.Grains.Clock;
using VmssGrains.Simulation.Driving;
using VmssGrains.Simulation.Reporting;
using VmssGrains.Simulation.Scenarios;

/// <summary>
/// How exact a scaled clock's timeline is: plays one scenario on the embedded silo (as <c>simulate</c> does) on the
/// virtual clock and on the given clock, and prints the end-time error, whether the two reports are identical, and
/// the wall time, with medians over the repetitions.
/// Usage: <c>clock SCENARIO|fleet:N CLOCK [repetitions=3]</c>; <c>fleet:N</c> is the 6-VM demo with N instances.
/// </summary>
internal static class ClockAccuracy
{
    public static async Task RunAsync(string[] args)
    {
        var json = args[0].StartsWith("fleet:", StringComparison.Ordinal) ? Demo(int.Parse(args[0][6..], CultureInfo.InvariantCulture)) : await File.ReadAllTextAsync(args[0]);
        if (!ClockSpec.TryParse(args[1], out var clock, out var error))
        {
            throw new ArgumentException(error);
        }

        var repetitions = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        var scenario = ScenarioReader.Read(json);
        var (exact, exactWall) = await PlayAsync(scenario, ClockSpec.Virtual);
        var exactEnd = exact.SimulatedDuration;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{args[0]} on {args[1]}, {repetitions} repetitions, {Environment.ProcessorCount} cores; virtual clock: ends {IsoDuration.Format(exactEnd)} in {exactWall.TotalSeconds:0.00} s wall"));

        var errors = new List<double>();
        var walls = new List<double>();
        var identical = 0;
        for (var i = 1; i <= repetitions; i++)
        {
            var (report, wall) = await PlayAsync(scenario, clock);
            var end = report.SimulatedDuration;
            var relative = (end - exactEnd).TotalSeconds / exactEnd.TotalSeconds;
            var same = JsonNode.DeepEquals(report.Json, exact.Json);
            identical += same ? 1 : 0;
            errors.Add(Math.Abs(relative));
            walls.Add(wall.TotalSeconds);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  run {i}: ends {IsoDuration.Format(end)} ({relative:+0.000%;-0.000%;0.000%}), {wall.TotalSeconds:0.00} s wall, report {(same ? "identical to the virtual clock's" : $"differs from the virtual clock's at {FirstDifference(report.Json, exact.Json, "$")}")}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median end-time error {Median(errors):0.000%}, median wall {Median(walls):0.00} s; {identical} of {repetitions} reports identical to the virtual clock's"));
    }

    private static async Task<(SimulationReport Report, TimeSpan Wall)> PlayAsync(Scenario scenario, ClockSpec clock)
    {
        await using var cluster = await EmbeddedCluster.StartAsync(clock);
        var wall = Stopwatch.StartNew();
        var report = await new ScenarioRunner(cluster.Grains, cluster.ScenarioClock).RunAsync(scenario);
        return (report, wall.Elapsed);
    }

    /// <summary>The seed's 6-VM demo (Rolling, batches of 34 %, 2-minute pauses, a new image at PT1M) with <paramref name="instances"/> instances.</summary>
    internal static string Demo(int instances)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory.FullName, "examples", "seed-6vm-rolling.json")))
        {
            directory = directory.Parent ?? throw new FileNotFoundException("examples/seed-6vm-rolling.json is not above " + AppContext.BaseDirectory);
        }

        var path = Path.Combine(directory.FullName, "examples", "seed-6vm-rolling.json");
        var scenario = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        scenario["scaleSets"]![0]!["sku"]!["capacity"] = instances;
        return scenario.ToJsonString();
    }

    /// <summary>The JSON path of the first difference, with both values.</summary>
    private static string? FirstDifference(JsonNode? left, JsonNode? right, string path)
    {
        switch (left, right)
        {
            case (JsonObject l, JsonObject r):
                foreach (var name in l.Select(p => p.Key).Union(r.Select(p => p.Key)))
                {
                    if (FirstDifference(l[name], r[name], $"{path}.{name}") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            case (JsonArray l, JsonArray r):
                for (var i = 0; i < Math.Max(l.Count, r.Count); i++)
                {
                    if (FirstDifference(i < l.Count ? l[i] : null, i < r.Count ? r[i] : null, $"{path}[{i}]") is { } found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return JsonNode.DeepEquals(left, right) ? null : $"{path}: {left?.ToJsonString() ?? "none"} (virtual: {right?.ToJsonString() ?? "none"})";
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
