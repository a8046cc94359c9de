using System.CommandLine;
using System.Diagnostics;
using System.Reflection;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Client.Cli;
using VmssGrains.Client.Rendering;
using VmssGrains.Grains.Clock;
using VmssGrains.Simulation.Driving;
using VmssGrains.Simulation.Scenarios;

namespace VmssGrains.Client.Commands;

/// <summary><c>simulate --scenario FILE [--seed N] [--clock virtual|scaled:N|real] [--cluster ...]</c>.</summary>
public static class SimulateCommand
{
    /// <summary>The scenario run when none is given: the seed's 6-VM rolling upgrade.</summary>
    public const string DemoResource = "VmssGrains.Client.demo-scenario.json";

    private static readonly Option<FileInfo> Scenario = new("--scenario", "-s") { Description = "Scenario file (JSON). Without it, the seed's 6-VM rolling upgrade demo runs." };
    private static readonly Option<long?> Seed = new("--seed") { Description = "Seed for every random draw (overrides the scenario's)" };
    private static readonly Option<string> Clock = new("--clock")
    {
        Description = "virtual (exact, as fast as the work allows), scaled:N (N simulated seconds per wall second) or real",
        DefaultValueFactory = _ => "virtual",
    };

    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("simulate", "Run a whole scenario (scale sets, actions, faults) and print its report");
        command.Options.Add(Scenario);
        command.Options.Add(Seed);
        command.Options.Add(Clock);
        Clock.Validators.Add(r =>
        {
            if (!ClockSpec.TryParse(r.GetValueOrDefault<string>(), out _))
            {
                r.AddError($"--clock: '{r.GetValueOrDefault<string>()}' is not a clock; use virtual, scaled:N (N > 0) or real");
            }
        });
        command.SetAction((parse, cancellationToken) => CliApp.Guard(new CliContext(output, error, parse), context => RunAsync(context, cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, CancellationToken cancellationToken)
    {
        var file = context.Get(Scenario);
        var (name, text) = file is null ? ("demo: the seed's 6-VM rolling upgrade", ReadDemo()) : (file.ToString(), ReadFile(file));
        Scenario scenario;
        try
        {
            scenario = ScenarioReader.Read(text);
        }
        catch (ScenarioException e)
        {
            throw new CliException($"{name}: {e.Message}");
        }

        var clock = ClockSpec.TryParse(context.Get(Clock), out var parsed) ? parsed : ClockSpec.Virtual;
        var wall = Stopwatch.StartNew();
        Simulation.Reporting.SimulationReport report;
        var cluster = context.Get(GlobalOptions.Cluster);
        try
        {
            if (cluster is not null)
            {
                await using var connection = await ClusterConnection.ConnectAsync(cluster, context.Get(GlobalOptions.ClusterId)!, cancellationToken);
                var clusterClock = await ClusterClockAsync(connection.Client, scenario, cancellationToken);
                report = await new ScenarioRunner(connection.Client, clusterClock).RunAsync(scenario, context.Get(Seed), cancellationToken);
            }
            else
            {
                await using var embedded = await EmbeddedCluster.StartAsync(clock, cancellationToken: cancellationToken);
                report = await new ScenarioRunner(embedded.Grains, embedded.ScenarioClock).RunAsync(scenario, context.Get(Seed), cancellationToken);
            }
        }
        catch (ScenarioException e)
        {
            throw new CliException($"{name}: {e.Message}");
        }

        if (context.Json)
        {
            await context.Out.WriteLineAsync(report.ToString());
        }
        else
        {
            ReportRenderer.Write(Terminal.For(context.Out), report.Json, name, cluster is null ? clock.ToString() : $"cluster {cluster}", wall.Elapsed);
        }

        return ExitCodes.Ok;
    }

    /// <summary>A running cluster's clock: simulated time read through a grain, "settled" polled on the scenario's scale sets.</summary>
    private static async Task<IScenarioClock> ClusterClockAsync(IClusterClient client, Scenario scenario, CancellationToken cancellationToken)
    {
        var clock = client.GetGrain<IClusterClockGrain>(0);
        var time = await clock.GetNowAsync();
        return new WallScenarioClock(
            async _ => (await clock.GetNowAsync()).Now,
            time.Scale <= 0 ? 1e6 : time.Scale,
            async _ =>
            {
                foreach (var scaleSet in scenario.ScaleSets)
                {
                    if (!await client.GetGrain<IScaleSetGrain>(scaleSet.Name).IsSettledAsync())
                    {
                        return false;
                    }
                }

                return true;
            });
    }

    private static string ReadFile(FileInfo file)
    {
        try
        {
            return File.ReadAllText(file.FullName);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(e is FileNotFoundException or DirectoryNotFoundException ? $"{file}: no such file" : $"{file}: cannot read it: {e.Message}");
        }
    }

    private static string ReadDemo()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(DemoResource)
            ?? throw new InvalidOperationException($"the demo scenario {DemoResource} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
