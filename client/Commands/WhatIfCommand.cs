using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using VmssGrains.Abstractions.Json;
using VmssGrains.Client.Cli;
using VmssGrains.Client.Rendering;
using VmssGrains.Domain.Azure;
using VmssGrains.Domain.Planning;
using VmssGrains.Grains.Clock;
using VmssGrains.Simulation.Driving;
using VmssGrains.Simulation.Reference;
using VmssGrains.Simulation.Scenarios;

namespace VmssGrains.Client.Commands;

/// <summary>
/// <c>what-if --file SCALESET.json [--set path=value]... [--image-version V] [--seeds K] [--save-scenario FILE] [--parameters name=value...]</c>:
/// builds the scenario of the change the engineer is about to make (<see cref="WhatIfScenario"/>), prints what it read
/// and assumed, optionally saves the scenario, then the prediction (<see cref="PredictAsync"/>). Runs in this process:
/// no cluster. Bad input is one line on standard error, exit 2, and nothing written.
/// </summary>
public static class WhatIfCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Option<string>("--file", "-f") { Description = "The scale set as az vmss show or the REST API print it (also a bare properties object, a REST API example, an ARM template)", Required = true };
        var set = new Option<string[]>("--set") { Description = "Part of the change: path=value, as az vmss update --set takes it (upgradePolicy.rollingUpgradePolicy.maxBatchInstancePercent=50); values are JSON when they parse", AllowMultipleArgumentsPerToken = true };
        var imageVersion = new Option<string>("--image-version") { Description = "Part of the change: the image version to move to (Major.Minor.Patch)" };
        var seeds = new Option<int?>("--seeds") { Description = string.Create(CultureInfo.InvariantCulture, $"Seeds to predict over, as plan's --seeds (1–{SweepSeeds.Max}, default {SweepSeeds.Default})") };
        var parameters = new Option<string[]>("--parameters") { Description = "ARM template parameters, name=value (values parsed as JSON when they parse), as create --parameters takes them", AllowMultipleArgumentsPerToken = true };
        var save = new Option<string>("--save-scenario") { Description = "Write the scenario built to this file (simulate --scenario FILE runs it unchanged)" };
        seeds.Validators.Add(r =>
        {
            // Read from the token: a value that is no integer is the parser's own conversion error, not this one.
            if (r.Tokens is [{ } token] && int.TryParse(token.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is < 1 or > SweepSeeds.Max)
            {
                r.AddError(string.Create(CultureInfo.InvariantCulture, $"--seeds: {n} is out of range: allowed 1–{SweepSeeds.Max}"));
            }
        });
        var command = new Command("what-if", "Predict what a change will do to a scale set: the scale set as az vmss show prints it, the change as --image-version and --set") { file, set, imageVersion, seeds, save, parameters };
        command.SetAction((parse, cancellationToken) => CliApp.Guard(new CliContext(output, error, parse), async context =>
        {
            var path = context.Get(file)!;
            var request = new WhatIfRequest(ResourceFiles.ReadObject(path), path)
            {
                ImageVersion = context.Get(imageVersion),
                Sets = [.. (context.Get(set) ?? []).Select(GenericUpdateOperation.Set)],
                Parameters = ResourceFiles.Parameters(context.Get(parameters) ?? []),
            };
            WhatIfPlan plan;
            try
            {
                plan = WhatIfScenario.Build(request);
            }
            catch (WhatIfException e)
            {
                throw new CliException(e.Message);
            }

            if (context.Get(save) is { } target)
            {
                Save(target, plan.File);
            }

            var header = Header(plan, path, context.Get(save));
            if (!context.Json)
            {
                await WriteHeaderAsync(context.Out, plan, path, context.Get(save));
            }

            // The plan over seeds (as plan prints it), then the scenario's own seed's run in full.
            var planned = await PlanCommand.PredictAsync(context, "what-if", plan.Scenario, SweepSeeds.From(plan.Scenario.Seed, context.Get(seeds) ?? SweepSeeds.Default), cancellationToken);
            if (!context.Json)
            {
                await context.Out.WriteLineAsync();
            }

            var prediction = await PredictAsync(plan.Scenario, context, cancellationToken);
            if (context.Json)
            {
                await context.Out.WriteLineAsync(new JsonObject { ["whatIf"] = header, ["plan"] = planned, ["prediction"] = prediction }.ToJsonString(JsonText.Indented));
            }

            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>
    /// One run of <paramref name="scenario"/> in full, on the reference engine with the scenario's seed (the first of the
    /// plan's sweep), as <c>simulate --engine reference</c> plays it; in table mode its summary is printed
    /// (<see cref="ReportRenderer"/>). Returns the report (docs/report.md), which <c>--output json</c> prints under
    /// <c>prediction</c>.
    /// </summary>
    public static async Task<JsonObject> PredictAsync(Scenario scenario, CliContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(context);
        var wall = Stopwatch.StartNew();
        var engine = new ReferenceEngine(VirtualClock.DefaultEpoch);
        var report = await new ScenarioRunner(new ReferenceGrains(engine), new ReferenceScenarioClock(engine)).RunAsync(scenario, null, cancellationToken);
        if (!context.Json)
        {
            await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"One run in full: the reference engine, seed {scenario.Seed}"));
            await context.Out.WriteLineAsync();
            ReportRenderer.Write(Terminal.For(context.Out), report.Json, "what-if", "virtual, reference engine", wall.Elapsed);
        }

        return report.Json;
    }

    private static JsonObject Header(WhatIfPlan plan, string path, string? saved)
    {
        var read = new JsonObject();
        foreach (var (label, text) in plan.Read)
        {
            read[label] = text;
        }

        return new JsonObject
        {
            ["file"] = path,
            ["scaleSet"] = plan.ScaleSet,
            ["read"] = read,
            ["change"] = plan.Change,
            ["follows"] = plan.Follows,
            ["assumptions"] = new JsonArray([.. plan.Assumptions.Select(a => (JsonNode)a)]),
            ["savedScenario"] = saved,
            ["scenario"] = plan.File.DeepClone(),
        };
    }

    private static async Task WriteHeaderAsync(TextWriter output, WhatIfPlan plan, string path, string? saved)
    {
        await output.WriteLineAsync($"What-if from {path}");
        foreach (var (label, text) in plan.Read)
        {
            await output.WriteLineAsync($"  {label,-16} {text}");
        }

        await output.WriteLineAsync($"  {"Change at PT0S",-16} {plan.Change}");
        await output.WriteLineAsync($"  {"What follows",-16} {plan.Follows}");
        for (var i = 0; i < plan.Assumptions.Length; i++)
        {
            await output.WriteLineAsync($"  {(i == 0 ? "Assumed" : ""),-16} {plan.Assumptions[i]}");
        }

        if (saved is not null)
        {
            await output.WriteLineAsync($"  {"Scenario saved",-16} {saved} (simulate --scenario {saved} runs it)");
        }

        await output.WriteLineAsync();
    }

    /// <summary>Writes the scenario (<see cref="AtomicFile"/>: a failure leaves no half-written file).</summary>
    private static void Save(string path, JsonObject scenario)
    {
        var full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is { } directory && !Directory.Exists(directory))
        {
            throw new CliException($"--save-scenario: {path}: no such directory");
        }

        if (Directory.Exists(full))
        {
            throw new CliException($"--save-scenario: {path}: is a directory, not a file");
        }

        AtomicFile.Write(full, writer => writer.Write(scenario.ToJsonString(JsonText.Indented) + "\n"), e => new CliException($"--save-scenario: {path}: cannot write it: {e.Message}"));
    }
}
