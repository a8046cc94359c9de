using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using VmssGrains.Domain.Planning;

namespace VmssGrains.Client.Rendering;

/// <summary>
/// <c>compare</c>'s outputs other than JSON: a table for people (one row per strategy) and CSV (a header row, then one
/// row per strategy; invariant culture, durations in simulated seconds, <c>halts</c> as <c>batch:count</c> pairs
/// separated by <c>;</c>).
/// </summary>
public static class CompareRenderer
{
    /// <summary>The CSV columns.</summary>
    public static readonly ImmutableArray<string> CsvColumns =
    [
        "strategy", "mode", "durationP50Seconds", "durationP90Seconds", "durationMaxSeconds", "minInServicePercentP50", "minInServicePercentMin",
        "minInServiceP50", "minInServiceMin", "requestsDroppedP50", "requestsDroppedP90", "requestsDroppedMax", "haltRate", "halts",
    ];

    /// <summary>Writes the table of <paramref name="rows"/> (name, mode as applied, prediction).</summary>
    public static async Task WriteTableAsync(TextWriter output, string scenario, ImmutableArray<long> seeds, IReadOnlyList<(string Name, string Mode, Prediction Prediction)> rows)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(rows);
        await output.WriteLineAsync(Invariant($"Compare for {scenario} over {seeds.Length:N0} seeds ({PredictionRenderer.SeedRange(seeds)}), reference engine; durations are simulated"));
        await output.WriteLineAsync();
        string[] header = ["Strategy", "Mode", "Duration p50", "p90", "max", "Min in service p50", "lowest", "Dropped p50", "p90", "max", "Halted"];
        var cells = rows.Select(r => new[]
        {
            r.Name, r.Mode,
            PredictionRenderer.Time(r.Prediction.DurationSeconds.P50), PredictionRenderer.Time(r.Prediction.DurationSeconds.P90), PredictionRenderer.Time(r.Prediction.DurationSeconds.Max),
            PredictionRenderer.Percent(r.Prediction.MinInServicePercent.P50), PredictionRenderer.Percent(r.Prediction.MinInServicePercent.Min),
            Invariant($"{r.Prediction.RequestsDropped.P50:N0}"), Invariant($"{r.Prediction.RequestsDropped.P90:N0}"), Invariant($"{r.Prediction.RequestsDropped.Max:N0}"),
            PredictionRenderer.Percent(r.Prediction.HaltRate * 100),
        }).ToList();
        var widths = header.Select((h, i) => cells.Select(c => c[i].Length).Append(h.Length).Max()).ToArray();
        await output.WriteLineAsync(Row(header, widths));
        await output.WriteLineAsync("  " + new string('─', widths.Sum() + (2 * (widths.Length - 1))));
        foreach (var row in cells)
        {
            await output.WriteLineAsync(Row(row, widths));
        }

        await output.WriteLineAsync();
        foreach (var (name, _, prediction) in rows.Where(r => !r.Prediction.Halts.IsEmpty))
        {
            await output.WriteLineAsync($"  {name}: halted {PredictionRenderer.Halts(prediction)}");
        }
    }

    /// <summary>Writes the CSV of <paramref name="rows"/>.</summary>
    public static async Task WriteCsvAsync(TextWriter output, IReadOnlyList<(string Name, string Mode, Prediction Prediction)> rows)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(rows);
        await output.WriteLineAsync(string.Join(',', CsvColumns));
        foreach (var (name, mode, p) in rows)
        {
            var halts = string.Join(';', p.Halts.Select(h => Invariant($"{h.Batch}:{h.Count}")));
            await output.WriteLineAsync(Invariant(
                $"{name},{mode},{p.DurationSeconds.P50},{p.DurationSeconds.P90},{p.DurationSeconds.Max},{p.MinInServicePercent.P50},{p.MinInServicePercent.Min},{p.MinInService.P50},{p.MinInService.Min},{p.RequestsDropped.P50},{p.RequestsDropped.P90},{p.RequestsDropped.Max},{p.HaltRate},{halts}"));
        }
    }

    private static string Row(string[] cells, int[] widths)
    {
        var line = new StringBuilder("  ");
        for (var i = 0; i < cells.Length; i++)
        {
            // Names and modes to the left, figures to the right.
            line.Append(i < 2 ? cells[i].PadRight(widths[i]) : cells[i].PadLeft(widths[i]));
            if (i < cells.Length - 1)
            {
                line.Append("  ");
            }
        }

        return line.ToString().TrimEnd();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
