using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Abstractions.Json;
using VmssGrains.Abstractions.Views;
using VmssGrains.Client.Cli;
using VmssGrains.Client.Rendering;
using VmssGrains.Domain;

namespace VmssGrains.Client.Commands;

/// <summary><c>activity-log</c>: the audit trail of scale set actions, filtered, printed or exported as JSON lines.</summary>
public static class ActivityLogCommand
{
    /// <summary>Builds the verb.</summary>
    public static Command Create(TextWriter output, TextWriter error)
    {
        var name = new Option<string>("--name", "-n") { Description = "One scale set (default: every scale set of the cluster)" };
        var runId = new Option<string>("--run-id") { Description = "Only records of this run" };
        var instanceId = new Option<string>("--instance-id") { Description = "Only records of this instance" };
        var start = new Option<string>("--start-time") { Description = "From this simulated time on (ISO 8601, e.g. 2026-01-01T00:05:00Z)" };
        var end = new Option<string>("--end-time") { Description = "Until this simulated time (ISO 8601)" };
        var result = new Option<string>("--result") { Description = "Only this result: Succeeded, Failed, Accepted, Faulted, an Azure error code, ..." };
        var limit = new Option<int>("--limit") { Description = "At most this many records per scale set, the newest (0: all)", DefaultValueFactory = _ => 0 };
        var export = new Option<string>("--export") { Description = "Write the records to this file as JSON lines instead of printing them" };
        return Verb.Create("activity-log", "Show the activity log (audit records) of scale sets", output, error, [name, runId, instanceId, start, end, result, limit, export], async (context, client, cancellationToken) =>
        {
            if (context.Get(limit) < 0)
            {
                throw new CliException($"--limit: {context.Get(limit)} is out of range: allowed 0 or more");
            }

            var query = new ActivityLogQuery
            {
                RunId = context.Get(runId),
                InstanceId = context.Get(instanceId),
                From = Time(context.Get(start), "--start-time"),
                To = Time(context.Get(end), "--end-time"),
                Result = context.Get(result),
                Limit = context.Get(limit),
            };
            var names = context.Get(name) is { } one ? [one] : await client.GetGrain<IScaleSetRegistryGrain>(GrainKeys.Registry).ListAsync();
            var records = new List<AuditRecord>();
            foreach (var scaleSet in names)
            {
                var grain = client.GetGrain<IScaleSetGrain>(scaleSet);
                if (context.Get(name) is not null && !await grain.ExistsAsync() && (await grain.GetActivityLogAsync(new ActivityLogQuery { Limit = 1 }, cancellationToken)).IsEmpty)
                {
                    throw new AzureException("NotFound", $"--name: scale set '{scaleSet}' does not exist and has no activity log", "name");
                }

                records.AddRange(await grain.GetActivityLogAsync(query, cancellationToken));
            }

            records.Sort((a, b) => a.Time.CompareTo(b.Time));
            if (context.Get(export) is { } file)
            {
                await File.WriteAllLinesAsync(file, records.Select(r => Json(r).ToJsonString(JsonText.Compact)), cancellationToken);
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{records.Count} record(s) written to {file}"));
                return ExitCodes.Ok;
            }

            if (context.Json)
            {
                await Output.JsonAsync(context, new JsonArray([.. records.Select(r => (JsonNode)Json(r))]));
                return ExitCodes.Ok;
            }

            var table = new Table().Border(TableBorder.Simple).AddColumns("Time", "Caller", "ScaleSet", "Action", "Result", "Run", "Batch", "Instance", "Step", "Message");
            foreach (var r in records)
            {
                table.AddRow(
                    Times.Absolute(r.Time),
                    Markup.Escape(r.Caller),
                    Markup.Escape(r.ScaleSet),
                    Markup.Escape(r.Action),
                    Markup.Escape(r.Result),
                    r.RunId is null ? "" : r.RunId[..Math.Min(8, r.RunId.Length)],
                    r.Batch?.ToString(CultureInfo.InvariantCulture) ?? "",
                    Markup.Escape(r.InstanceId ?? ""),
                    Markup.Escape(r.Step ?? ""),
                    Markup.Escape(r.Message ?? ""));
            }

            Terminal.For(context.Out).Write(table);
            return ExitCodes.Ok;
        });
    }

    /// <summary>A record as JSON (the shape of the export).</summary>
    public static JsonObject Json(AuditRecord record) => new()
    {
        ["time"] = Times.Absolute(record.Time),
        ["caller"] = record.Caller,
        ["scaleSet"] = record.ScaleSet,
        ["action"] = record.Action,
        ["result"] = record.Result,
        ["runId"] = record.RunId,
        ["batch"] = record.Batch,
        ["instanceId"] = record.InstanceId,
        ["step"] = record.Step,
        ["message"] = record.Message,
    };

    private static DateTimeOffset? Time(string? text, string option)
    {
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : throw new CliException($"{option}: '{text}' is not a date and time (ISO 8601, e.g. 2026-01-01T00:05:00Z)");
    }
}
