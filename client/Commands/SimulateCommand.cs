using System.Collections.Immutable;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Client.Cli;
using VmssGrains.Client.Rendering;
using VmssGrains.Domain.Fleet;
using VmssGrains.Domain.Model;
using VmssGrains.Grains.Clock;
using VmssGrains.Grains.Hosting;
using VmssGrains.Simulation.Driving;
using VmssGrains.Simulation.Reference;
using VmssGrains.Simulation.Scenarios;

namespace VmssGrains.Client.Commands;

/// <summary>
/// <c>simulate --scenario FILE [--seed N] [--clock virtual|scaled:N|real] [--engine orleans|reference] [--cluster ...]
/// [--fail-on ...] [--progress auto|always|never] [--html FILE]</c>: the report on standard output; live progress on standard error
/// (<see cref="ProgressMode"/>: redrawn on a terminal, plain lines for a long run otherwise). Exit 0 whenever the
/// simulation itself ran, whatever its runs did, unless <c>--fail-on</c> names an outcome a run had (exit 3).
/// </summary>
public static class SimulateCommand
{
    /// <summary>The scenario run when none is given: the seed's 6-VM rolling upgrade.</summary>
    public const string DemoResource = "VmssGrains.Client.demo-scenario.json";

    /// <summary>Builds the command.</summary>
    /// <remarks>
    /// Its options are made per command tree, not shared statics: a validator added to a shared option on every
    /// build would pile up, and would be added while another thread's parse runs the same list.
    /// </remarks>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var options = new SimulateOptions();
        var command = new Command("simulate", "Run a whole scenario (scale sets, actions, faults) and print its report");
        command.Options.Add(options.Scenario);
        command.Options.Add(options.Seed);
        command.Options.Add(options.Clock);
        command.Options.Add(options.Engine);
        command.Options.Add(options.FailOn);
        command.Options.Add(options.Instances);
        command.Options.Add(options.Progress);
        command.Options.Add(options.Html);
        command.SetAction((parse, cancellationToken) => CliApp.Guard(new CliContext(output, error, parse), context => RunAsync(context, options, cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, SimulateOptions options, CancellationToken cancellationToken)
    {
        var file = context.Get(options.Scenario);
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

        var html = context.Get(options.Html);
        HtmlReportFile.CheckDirectory(html);

        InstanceListing? instances = InstanceListings.TryParse(context.Get(options.Instances), out var listing) ? listing : null;
        var clock = ClockSpec.TryParse(context.Get(options.Clock), out var parsed) ? parsed : ClockSpec.Virtual;
        var wall = Stopwatch.StartNew();
        Simulation.Reporting.SimulationReport report;
        var cluster = context.Get(GlobalOptions.Cluster);
        var reference = context.Get(options.Engine) == ReferenceEngineName;
        var progressMode = Enum.Parse<ProgressMode>(context.Get(options.Progress) ?? "auto", ignoreCase: true);
        string[] scaleSets = [.. scenario.ScaleSets.Select(s => s.Name)];
        if (reference && cluster is not null)
        {
            throw new CliException("--engine reference runs the scenario in this process and cannot use --cluster: leave out one of them");
        }

        if (reference && clock.Kind != ClockKind.Virtual)
        {
            throw new CliException($"--engine reference runs on its own virtual clock and cannot use --clock {clock}: leave out one of them");
        }

        try
        {
            if (reference)
            {
                var engine = new ReferenceEngine(VirtualClock.DefaultEpoch);

                // The reference engine's objects belong to this thread: progress reads only its monitor and clock.
                await using var progress = await SimulationProgress.StartAsync(context.Error, progressMode, () => FleetProgress.StartAsync(scaleSets, engine.Monitor, () => engine.Now, null), cancellationToken);
                report = await new ScenarioRunner(new ReferenceGrains(engine), new ReferenceScenarioClock(engine)) { Instances = instances }.RunAsync(scenario, context.Get(options.Seed), cancellationToken);
                await progress.CompleteAsync(cancellationToken);
            }
            else if (cluster is not null)
            {
                await using var connection = await ClusterConnection.ConnectAsync(context, cancellationToken);
                var clusterClock = await ClusterClockAsync(connection.Client, cluster, scenario, cancellationToken);
                var clockGrain = connection.Client.GetGrain<IClusterClockGrain>(0);
                await using (var progress = await SimulationProgress.StartAsync(context.Error, progressMode, () => FleetProgress.StartAsync(scaleSets, connection.Client, async () => (await clockGrain.GetNowAsync()).Now), cancellationToken))
                {
                    report = await new ScenarioRunner(connection.Client, clusterClock) { Instances = instances }.RunAsync(scenario, context.Get(options.Seed), cancellationToken);
                    await progress.CompleteAsync(cancellationToken);
                }
            }
            else
            {
                if (clock.DriftWarning is { } drift)
                {
                    await context.Error.WriteLineAsync($"warning: --clock: {drift}");
                }

                await using var embedded = await EmbeddedCluster.StartAsync(clock, cancellationToken: cancellationToken);
                using var watching = new FaultWatchingScenarioClock(embedded.ScenarioClock, embedded.Simulation.Monitor);
                await using (var progress = await SimulationProgress.StartAsync(context.Error, progressMode, () => FleetProgress.StartAsync(scaleSets, embedded.Simulation.Monitor, embedded.Simulation.Clock.GetUtcNow, embedded.Grains), cancellationToken))
                {
                    report = await new ScenarioRunner(embedded.Grains, watching) { Instances = instances }.RunAsync(scenario, context.Get(options.Seed), cancellationToken);
                    await progress.CompleteAsync(cancellationToken);
                }
            }
        }
        catch (ScenarioException e)
        {
            throw new CliException($"{name}: {e.Message}");
        }
        catch (SimulationFaultException e)
        {
            // A wake-up or one-way call threw: the timeline is not trustworthy, so no report.
            throw new CliException($"{name}: {e.Message}", ExitCodes.Failure);
        }

        if (context.Json)
        {
            await context.Out.WriteLineAsync(report.ToString());
        }
        else
        {
            ReportRenderer.Write(Terminal.For(context.Out), report.Json, name, reference ? $"{clock}, reference engine" : cluster is null ? clock.ToString() : $"cluster {cluster}", wall.Elapsed);
        }

        if (html is not null)
        {
            HtmlReportFile.Write(html, JsonNode.Parse(report.ToString())!, $"simulate {name}, seed {report.Json["seed"]}");
        }

        // The report is printed whatever the runs did; --fail-on only decides the exit code.
        if (FailOn.TryParse(context.Get(options.FailOn) ?? [], out var conditions, out _) && FailOn.FirstMatch(report.Json, conditions) is { } failure)
        {
            await context.Error.WriteLineAsync(failure);
            return ExitCodes.RunFailed;
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// A running cluster's clock: simulated time read through a grain, "settled" polled on what the scenario
    /// started — its scale sets and the image versions it publishes — never on the rest of the cluster's work.
    /// </summary>
    private static async Task<IScenarioClock> ClusterClockAsync(IClusterClient client, string cluster, Scenario scenario, CancellationToken cancellationToken)
    {
        var clock = client.GetGrain<IClusterClockGrain>(0);
        var time = await clock.GetNowAsync();
        if (time.Scale <= 0)
        {
            // A free-running virtual clock only moves to timers already set: with none due, an action at PT1M would
            // be waited for forever. Only the process hosting a virtual clock can drive it, so refuse before creating anything.
            throw new CliException($"--cluster: the cluster at {cluster} runs a {time.Clock} clock, which a remote driver cannot move; run its silos with --Simulation:Clock=scaled:N or real, or leave out --cluster to simulate on an embedded silo");
        }

        // The versions the scenario publishes: its images and its publishImageVersion actions.
        ImmutableArray<ImageReference> versions =
        [
            .. scenario.Images.Select(v => new ImageReference(ImageSource.Gallery, v.Image, v.Version)),
            .. scenario.Actions.Where(a => a.ImageVersion is not null).Select(a => new ImageReference(ImageSource.Gallery, a.ImageVersion!.Image, a.ImageVersion.Version)),
        ];
        return new WallScenarioClock(
            async _ => (await clock.GetNowAsync()).Now,
            time.Scale,
            async _ =>
            {
                if (await client.GetGrain<IImageGalleryGrain>(GrainKeys.Gallery).PendingPublicationsAsync(versions) > 0)
                {
                    return false;
                }

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

    private static string ReadFile(FileInfo file) => InputFile.ReadText(file.ToString());

    private static string ReadDemo()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(DemoResource)
            ?? throw new InvalidOperationException($"the demo scenario {DemoResource} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The <c>--engine</c> value of the single-threaded reference engine.</summary>
    private const string ReferenceEngineName = "reference";

    /// <summary>The options of one <c>simulate</c> command.</summary>
    private sealed class SimulateOptions
    {
        public SimulateOptions()
        {
            Clock.Validators.Add(r =>
            {
                if (!ClockSpec.TryParse(r.GetValueOrDefault<string>(), out _, out var error))
                {
                    r.AddError($"--clock: {error}");
                }
            });
            Engine.Validators.Add(r =>
            {
                if (r.GetValueOrDefault<string>() is var engine && engine is not ("orleans" or ReferenceEngineName))
                {
                    r.AddError($"--engine: '{engine}' is not an engine; use orleans or reference");
                }
            });
            Instances.Validators.Add(r =>
            {
                if (!InstanceListings.TryParse(r.GetValueOrDefault<string>(), out _))
                {
                    r.AddError($"--instances: '{r.GetValueOrDefault<string>()}' is not a listing; use {string.Join(", ", InstanceListings.Names)}");
                }
            });
            Progress.AcceptOnlyFromAmong("auto", "always", "never");
            FailOn.Validators.Add(r =>
            {
                if (!Cli.FailOn.TryParse(r.GetValueOrDefault<string[]>() ?? [], out _, out var bad))
                {
                    r.AddError($"--fail-on: '{bad}' is not an outcome; use {string.Join(", ", Cli.FailOn.Conditions)} (a comma list, or the option repeated)");
                }
            });
        }

        public Option<FileInfo> Scenario { get; } = new("--scenario", "-s") { Description = "Scenario file (JSON). Without it, the seed's 6-VM rolling upgrade demo runs." };

        public Option<long?> Seed { get; } = new("--seed") { Description = "Seed for every random draw (overrides the scenario's)" };

        public Option<string> Clock { get; } = new("--clock")
        {
            Description = "virtual (exact, as fast as the work allows), scaled:N (N simulated seconds per wall second) or real",
            DefaultValueFactory = _ => "virtual",
        };

        public Option<string> Engine { get; } = new("--engine")
        {
            Description = "orleans (grains on an embedded silo, or on --cluster) or reference (the same machines driven by a single-threaded discrete-event engine in this process: the same report, faster; no --cluster)",
            DefaultValueFactory = _ => "orleans",
        };

        public Option<string> Instances { get; } = new("--instances")
        {
            Description = string.Create(CultureInfo.InvariantCulture, $"Which instances the report lists: all, failed (provisioning Failed, or not healthy with no operation under way) or none; every scale set's instancesSummary is there either way. Default: all up to {InstanceListings.AllUpTo:N0} instances at the end, else failed"),
        };

        public Option<string> Progress { get; } = new("--progress")
        {
            Description = "Live progress on standard error: auto (redrawn on a terminal; redirected, a plain line every 5 s of wall time once a run has taken 5 s, and a last one at the end), always (plain lines wherever standard error goes, and the last line even for a short run) or never",
            DefaultValueFactory = _ => "auto",
        };

        public Option<FileInfo> Html { get; } = new("--html")
        {
            Description = "Also write the report as one self-contained HTML file of charts (capacity over time, a batch Gantt per scale set, traffic; no network needed to open it)",
        };

        public Option<string[]> FailOn { get; } = new("--fail-on")
        {
            Description = "Exit 3 (after printing the report) when a run ended this way: faulted, cancelled, failed-instances (a run with failed instances); a comma list or repeated",
            AllowMultipleArgumentsPerToken = true,
        };
    }
}
