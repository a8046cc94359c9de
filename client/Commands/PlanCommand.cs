using System.Collections.Immutable;
using System.CommandLine;
using System.Text.Json.Nodes;
using VmssGrains.Client.Cli;
using VmssGrains.Client.Rendering;
using VmssGrains.Domain.Planning;
using VmssGrains.Grains.Hosting;
using VmssGrains.Reporting.Html;
using VmssGrains.Simulation.Planning;
using VmssGrains.Simulation.Scenarios;

namespace VmssGrains.Client.Commands;

/// <summary>
/// <c>plan --scenario FILE [--seeds K] [--html FILE]</c>: touches no cluster. Plays the scenario over K seeds on the reference engine
/// (<see cref="SeedSweep"/>) and prints the prediction (<see cref="PredictionRenderer"/>; with <c>--output json</c> an
/// object whose <c>prediction</c> member is <see cref="PredictionJson.Strategy"/> without a name). Exit 0; a bad file,
/// scenario or option is one line on standard error and exit 2; a run whose simulation failed, exit 1.
/// </summary>
public static class PlanCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var input = new PlanningInput();
        var command = new Command("plan", "Predict what a scenario's upgrade does over many seeds (reference engine, no cluster): duration, capacity dip, dropped requests, halts");
        input.AddTo(command);
        command.SetAction((parse, cancellationToken) => CliApp.Guard(new CliContext(output, error, parse), context => RunAsync(context, input, cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, PlanningInput input, CancellationToken cancellationToken)
    {
        var (name, text) = input.ReadText(context);
        var scenario = PlanningInput.Read(name, text);
        var html = context.Get(input.Html);
        HtmlReportFile.CheckDirectory(html);
        var seeds = SweepSeeds.From(scenario.Seed, context.Get(input.Seeds));
        var json = await PredictAsync(context, name, scenario, seeds, cancellationToken);
        if (html is not null)
        {
            HtmlReportFile.WriteWith(html, writer => HtmlReport.WritePlan(json, $"plan {name}, {seeds.Length} seeds", writer));
        }

        if (context.Json)
        {
            await Output.JsonAsync(context, json);
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// The plan of <paramref name="scenario"/>: the batch listing of each run an action starts (on the first seed) and
    /// the prediction over <paramref name="seeds"/> on the reference engine. Without <c>--output json</c> both are
    /// written to the console; the JSON (<c>scenario</c>, <c>seeds</c>, <c>seedList</c>, <c>batchPlans</c>,
    /// <c>prediction</c>) is returned either way. <c>what-if</c> prints its plan through this too.
    /// </summary>
    /// <exception cref="CliException">A run's simulation failed (exit 1).</exception>
    internal static async Task<JsonObject> PredictAsync(CliContext context, string name, Scenario scenario, ImmutableArray<long> seeds, CancellationToken cancellationToken)
    {
        Prediction prediction;
        try
        {
            prediction = Prediction.Of(await SeedSweep.RunAsync(scenario, seeds, cancellationToken: cancellationToken));
        }
        catch (SimulationFaultException e)
        {
            throw new CliException($"{name}: {e.Message}", ExitCodes.Failure);
        }

        // The batches as each run starts, on the scenario's own seed (the first of the sweep).
        var listings = BatchPlanJson.Write(await ScenarioBatchPlans.ListAsync(scenario, seeds[0], cancellationToken));
        if (!context.Json)
        {
            BatchPlanRenderer.Write(Terminal.For(context.Out), listings);
            await context.Out.WriteLineAsync();
            await PredictionRenderer.WriteAsync(context.Out, name, seeds, prediction);
        }

        var json = PredictionJson.Sweep(name, seeds);
        json["batchPlans"] = listings;
        json["prediction"] = PredictionJson.Strategy(prediction, null, PredictionJson.AppliedPolicy(scenario));
        return json;
    }
}
