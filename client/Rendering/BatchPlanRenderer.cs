using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace VmssGrains.Client.Rendering;

/// <summary>
/// The batch listing of <c>plan</c> for people (docs/planning.md#batch-listing), from its JSON
/// (<c>VmssGrains.Simulation.Planning.BatchPlanJson</c>): per run the batch size and its rule, the zone order, a row
/// per batch with its reasons (at most <see cref="RowsAtMost"/>), the skipped instances grouped by reason, and the notes.
/// </summary>
public static class BatchPlanRenderer
{
    /// <summary>The most batch rows, and ids per skipped reason, written per run.</summary>
    public const int RowsAtMost = 20;

    /// <summary>Writes every listing of <paramref name="listings"/>.</summary>
    public static void Write(IAnsiConsole console, JsonArray listings)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(listings);
        foreach (var listing in listings.OfType<JsonObject>())
        {
            WriteListing(console, listing);
        }
    }

    private static void WriteListing(IAnsiConsole console, JsonObject listing)
    {
        var batches = listing["batches"]!.AsArray().OfType<JsonObject>().ToList();
        console.MarkupLine($"[bold]Batch plan of {T(listing["scaleSet"])}[/] ({T(listing["runKind"])} run started by {T(listing["action"])} at {T(listing["at"])}): {batches.Count} batch(es)");
        console.MarkupLine($"  Batch size {T(listing["batchSize"])}: {T(listing["batchSizeRule"])}");
        var zones = listing["zoneOrder"]!.AsArray().Select(z => (string)z!).ToList();
        if (zones.Count > 0)
        {
            console.MarkupLine($"  Zone order: {E(string.Join(", ", zones))}");
        }

        if (batches.Count > 0)
        {
            var table = new Table().Border(TableBorder.Simple).AddColumns("Batch", "Zone", "Instances", "Why");
            foreach (var batch in batches.Take(RowsAtMost))
            {
                var ids = batch["instanceIds"]!.AsArray().Select(i => (string)i!).ToList();
                var reasons = batch["reasons"]!.AsArray().Select(r => (string)r!);
                table.AddRow(T(batch["index"]), T(batch["zone"], "—"), E(Ids(ids)), E(string.Join("; ", reasons)));
            }

            if (batches.Count > RowsAtMost)
            {
                table.AddRow("…", "", string.Create(CultureInfo.InvariantCulture, $"{batches.Count - RowsAtMost} more batches"), "");
            }

            console.Write(table);
        }

        foreach (var group in listing["skipped"]!.AsArray().OfType<JsonObject>().GroupBy(s => (string)s["reason"]!, StringComparer.Ordinal))
        {
            var ids = group.Select(s => (string)s["instanceId"]!).ToList();
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"  Skipped {ids.Count} ({E(group.Key)}): {E(Ids(ids))}"));
        }

        foreach (var note in listing["notes"]!.AsArray())
        {
            console.MarkupLine($"  [dim]Note[/]: {T(note)}");
        }
    }

    /// <summary>Ids comma-separated, or the first and last of a long list with the count.</summary>
    private static string Ids(List<string> ids) =>
        ids.Count <= 8 ? string.Join(",", ids) : string.Create(CultureInfo.InvariantCulture, $"{string.Join(",", ids.Take(4))}…{ids[^1]} ({ids.Count})");

    private static string T(JsonNode? node, string whenNull = "") => E(node is null ? whenNull : node is JsonValue v && v.TryGetValue(out string? s) ? s : node.ToJsonString());

    private static string E(string text) => Markup.Escape(text);
}
