using System.CommandLine;
using System.Text.Json.Nodes;
using VmssGrains.Client.Cli;
using VmssGrains.Client.Rendering;
using VmssGrains.Domain.Planning;
using VmssGrains.Grains.Hosting;
using VmssGrains.Reporting.Html;
using VmssGrains.Simulation.Planning;

namespace VmssGrains.Client.Commands;

/// <summary>
/// <c>compare --scenario FILE [--seeds K] [--strategy NAME:property=value,...]... [--output table|json|csv] [--html FILE]</c>: one
/// scenario under several upgrade strategies (<see cref="UpgradeStrategy"/>: from the command line, else the scenario's
/// <c>strategies</c>), each over the same K seeds on the reference engine. Every strategy is checked before any runs;
/// a bad one is one line on standard error and exit 2.
/// </summary>
public static class CompareCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var input = new PlanningInput();
        var strategies = new Option<string[]>("--strategy")
        {
            Description = "A strategy: NAME:property=value,... with upgradePolicy's mode and rollingUpgradePolicy's properties (Azure's names), merged into every scale set's policy; repeatable. Without it, the scenario's strategies",
        };
        var command = new Command("compare", "Compare upgrade strategies on one scenario over many seeds (reference engine, no cluster): duration, capacity dip, dropped requests, halt rate; --output table, json or csv");
        input.AddTo(command);
        command.Options.Add(strategies);
        command.SetAction((parse, cancellationToken) => CliApp.Guard(new CliContext(output, error, parse), context => RunAsync(context, input, strategies, cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(CliContext context, PlanningInput input, Option<string[]> option, CancellationToken cancellationToken)
    {
        var (name, text) = input.ReadText(context);
        var scenario = PlanningInput.Read(name, text);
        var given = context.Get(option) ?? [];
        var strategies = given.Length > 0 ? [.. given.Select(Parse)] : scenario.Strategies.ToList();
        if (strategies.Count == 0)
        {
            throw new CliException($"{name}: no strategies to compare: give --strategy NAME:property=value,... (repeatable) or a strategies array in the scenario");
        }

        if (strategies.GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new CliException($"--strategy: '{twice.Key}' is given twice");
        }

        // Every strategy's scenario is read and checked before anything runs.
        var html = context.Get(input.Html);
        HtmlReportFile.CheckDirectory(html);
        var scenarios = strategies.Select(s => (Strategy: s, Scenario: PlanningInput.Read(name, text, s))).ToList();
        var seeds = SweepSeeds.From(scenario.Seed, context.Get(input.Seeds));
        var rows = new List<(string Name, JsonObject Policy, Prediction Prediction)>();
        foreach (var (strategy, applied) in scenarios)
        {
            try
            {
                rows.Add((strategy.Name, PredictionJson.AppliedPolicy(applied), Prediction.Of(await SeedSweep.RunAsync(applied, seeds, cancellationToken: cancellationToken))));
            }
            catch (SimulationFaultException e)
            {
                throw new CliException($"{name}: strategy '{strategy.Name}': {e.Message}", ExitCodes.Failure);
            }
        }

        var table = rows.Select(r => (r.Name, r.Policy["mode"]?.GetValue<string>() ?? "", r.Prediction)).ToList();
        var json = PredictionJson.Sweep(name, seeds);
        json["strategies"] = new JsonArray([.. rows.Select(r => (JsonNode)PredictionJson.Strategy(r.Prediction, r.Name, r.Policy))]);
        if (html is not null)
        {
            HtmlReportFile.WriteWith(html, writer => HtmlReport.WriteComparison(json, $"compare {name}, {seeds.Length} seeds", writer));
        }

        switch (context.OutputFormat)
        {
            case "json":
                await Output.JsonAsync(context, json);
                break;
            case "csv":
                await CompareRenderer.WriteCsvAsync(context.Out, table);
                break;
            default:
                await CompareRenderer.WriteTableAsync(context.Out, name, seeds, table);
                break;
        }

        return ExitCodes.Ok;
    }

    private static UpgradeStrategy Parse(string text)
    {
        if (UpgradeStrategy.Parse(text, out var error) is { } strategy)
        {
            return strategy;
        }

        var name = text.Split(':', 2)[0];
        throw new CliException(error!.Target is null
            ? $"--strategy {name}: ({error.Code}) {error.Message}"
            : $"--strategy {name}: ({error.Code}) {error.Target}: {error.Message}");
    }
}
