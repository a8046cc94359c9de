using System.Collections.Immutable;
using System.Globalization;
using VmssGrains.Domain.Planning;
using VmssGrains.Domain.Time;

namespace VmssGrains.Client.Rendering;

/// <summary>
/// <c>plan</c>'s prediction section for people: the header line, then duration, minimum in service, requests dropped,
/// halts and errors over the seeds. Durations are simulated time in ISO 8601; figures use the invariant culture.
/// </summary>
public static class PredictionRenderer
{
    /// <summary>Writes the section for the prediction <paramref name="prediction"/> of <paramref name="scenario"/> over <paramref name="seeds"/>.</summary>
    public static async Task WriteAsync(TextWriter output, string scenario, ImmutableArray<long> seeds, Prediction prediction)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(prediction);
        await output.WriteLineAsync(Invariant($"Prediction for {scenario} over {seeds.Length:N0} seeds ({SeedRange(seeds)}), reference engine"));
        var d = prediction.DurationSeconds;
        await output.WriteLineAsync($"  Duration           p50 {Time(d.P50)} · p90 {Time(d.P90)} · max {Time(d.Max)} (simulated, first run start to last run end)");
        await output.WriteLineAsync(Invariant(
            $"  Min in service     p50 {Percent(prediction.MinInServicePercent.P50)} of target ({prediction.MinInService.P50:N0} instances) · lowest {Percent(prediction.MinInServicePercent.Min)} ({prediction.MinInService.Min:N0})"));
        var r = prediction.RequestsDropped;
        await output.WriteLineAsync(Invariant($"  Requests dropped   p50 {r.P50:N0} · p90 {r.P90:N0} · max {r.Max:N0}"));
        await output.WriteLineAsync($"  Halted             {Halts(prediction)}");
        if (!prediction.Errors.IsEmpty)
        {
            await output.WriteLineAsync($"  Errors             {string.Join(", ", prediction.Errors.Select(e => Invariant($"{e.Code} in {e.Count:N0}")))}");
        }

        if (!prediction.TimeParts.IsEmpty)
        {
            await output.WriteLineAsync($"  Time went to       {string.Join(" · ", prediction.TimeParts.Select(p => $"{p.Part} {Time(p.P50)}"))} (p50 of each part)");
        }
    }

    /// <summary>Simulated seconds, possibly fractional, as ISO 8601.</summary>
    private static string Time(double seconds) => IsoDuration.Format(TimeSpan.FromSeconds(seconds));

    /// <summary><c>12 of 100 runs (12 %): 12 at batch 1</c>, or <c>none of 100 runs</c>.</summary>
    public static string Halts(Prediction prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        var halted = prediction.Halts.Sum(h => h.Count);
        return halted == 0
            ? Invariant($"none of {prediction.Runs.Length:N0} runs")
            : Invariant($"{halted:N0} of {prediction.Runs.Length:N0} runs ({Percent(prediction.HaltRate * 100)}): {string.Join(", ", prediction.Halts.Select(h => h.Batch == 0 ? Invariant($"{h.Count:N0} before batch 1") : Invariant($"{h.Count:N0} at batch {h.Batch}")))}");
    }

    /// <summary>A percentage as <c>66.667 %</c> (at most three decimals).</summary>
    public static string Percent(double value) => Invariant($"{value:0.###} %");

    /// <summary>Simulated seconds as ISO 8601 (<c>PT24M21S</c>).</summary>
    public static string Time(long seconds) => IsoDuration.Format(TimeSpan.FromSeconds(seconds));

    /// <summary><c>42–141</c>, or the one seed.</summary>
    public static string SeedRange(ImmutableArray<long> seeds) =>
        seeds.Length == 1 ? Invariant($"seed {seeds[0]}") : Invariant($"seeds {seeds[0]}–{seeds[^1]}");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
