using System.Globalization;
using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests.Differential;

/// <summary>Where two reports first differ: the JSON path (document order) and the value each has there.</summary>
/// <param name="Path">The JSON path, e.g. <c>$.scaleSets[0].runs[1].batches[2].endTime</c>.</param>
/// <param name="Left">The first report's value there (JSON), or <c>(absent)</c>.</param>
/// <param name="Right">The second report's value there (JSON), or <c>(absent)</c>.</param>
public sealed record ReportDifference(string Path, string Left, string Right)
{
    private const string Absent = "(absent)";

    /// <summary>
    /// Null when the two texts are identical; otherwise the first difference in document order. Texts that differ only
    /// in layout (same JSON) give the byte offset of the first difference instead of a path.
    /// </summary>
    public static ReportDifference? Of(string left, string right)
    {
        if (string.Equals(left, right, StringComparison.Ordinal))
        {
            return null;
        }

        JsonNode? a, b;
        try
        {
            (a, b) = (JsonNode.Parse(left), JsonNode.Parse(right));
        }
        catch (System.Text.Json.JsonException)
        {
            a = b = null;
        }

        if ((a is not null || b is not null) && Find(a, b, "$") is { } difference)
        {
            return difference;
        }

        var offset = Enumerable.Range(0, Math.Min(left.Length, right.Length)).FirstOrDefault(i => left[i] != right[i], Math.Min(left.Length, right.Length));
        return new ReportDifference(string.Create(CultureInfo.InvariantCulture, $"(text, offset {offset})"), Excerpt(left, offset), Excerpt(right, offset));
    }

    /// <summary>One line for a failure message.</summary>
    public override string ToString() => $"first difference at {Path}:\n  {Left}\n  {Right}";

    private static ReportDifference? Find(JsonNode? a, JsonNode? b, string path)
    {
        switch (a, b)
        {
            case (JsonObject x, JsonObject y):
                // Members in document order: the first name that differs, or the first shared member whose value differs.
                var xs = x.ToList();
                var ys = y.ToList();
                for (var i = 0; i < Math.Max(xs.Count, ys.Count); i++)
                {
                    if (i >= xs.Count || i >= ys.Count || xs[i].Key != ys[i].Key)
                    {
                        var key = i < xs.Count ? xs[i].Key : ys[i].Key;
                        return new ReportDifference($"{path}.{key}", x.TryGetPropertyValue(key, out var l) ? Show(l) : Absent, y.TryGetPropertyValue(key, out var r) ? Show(r) : Absent);
                    }

                    if (Find(xs[i].Value, ys[i].Value, $"{path}.{xs[i].Key}") is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            case (JsonArray x, JsonArray y):
                for (var i = 0; i < Math.Max(x.Count, y.Count); i++)
                {
                    var at = string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]");
                    if (i >= x.Count || i >= y.Count)
                    {
                        return new ReportDifference(at, i < x.Count ? Show(x[i]) : Absent, i < y.Count ? Show(y[i]) : Absent);
                    }

                    if (Find(x[i], y[i], at) is { } inner)
                    {
                        return inner;
                    }
                }

                return null;
            default:
                var (left, right) = (Show(a), Show(b));
                return left == right ? null : new ReportDifference(path, left, right);
        }
    }

    private static string Show(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length <= 300 ? text : text[..300] + "...";
    }

    private static string Excerpt(string text, int offset) =>
        text.Substring(Math.Max(0, offset - 40), Math.Min(text.Length, offset + 40) - Math.Max(0, offset - 40)).ReplaceLineEndings("\\n");
}
