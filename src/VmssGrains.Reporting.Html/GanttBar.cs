namespace VmssGrains.Reporting.Html;

/// <summary>
/// One bar of a batch Gantt: a batch of a run (or a run without batches), its legend group (its zone), its simulated
/// start and end in minutes, the failed instances it holds, and how its run halted when it was the run's last batch.
/// </summary>
internal sealed class GanttBar(string label, string group, double start, double end, string detail)
{
    /// <summary>The bar's row: <c>run 1 · batch 2 · zone 1</c>.</summary>
    public string Label { get; } = label;

    /// <summary>The legend entry: <c>zone 1</c>, <c>no zone</c>, <c>run without batches</c>.</summary>
    public string Group { get; } = group;

    /// <summary>Start, simulated minutes since the scenario's start.</summary>
    public double Start { get; } = start;

    /// <summary>End, simulated minutes since the scenario's start (at least <see cref="Start"/>).</summary>
    public double End { get; } = Math.Max(start, end);

    /// <summary>The hover text's first line: the run, the batch and its times as the report writes them.</summary>
    public string Detail { get; } = detail;

    /// <summary>The failed instance ids charged to this bar.</summary>
    public SortedSet<string> Failed { get; } = new(Comparer<string>.Create(CompareIds));

    /// <summary>How the run halted (<c>Faulted</c>, <c>Cancelled</c>), when this is the last batch of such a run.</summary>
    public string? Halted { get; set; }

    /// <summary>The halted run's error code, when it has one.</summary>
    public string? HaltError { get; set; }

    /// <summary>The text on the bar: the failures and the halt, or empty.</summary>
    public string Text => string.Join(" · ", new[] { Failed.Count > 0 ? $"{Failed.Count} failed" : null, Halted }.OfType<string>());

    /// <summary>Instance ids in numeric order when both are numbers, else ordinal.</summary>
    private static int CompareIds(string a, string b) =>
        long.TryParse(a, out var x) && long.TryParse(b, out var y) ? x.CompareTo(y) : string.CompareOrdinal(a, b);
}
