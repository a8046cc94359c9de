using System.Text.Json.Nodes;
using Plotly.NET;

namespace VmssGrains.Reporting.Html;

/// <summary>
/// A Plotly.NET chart as a plotly figure to adjust: its JSON (the library's own serialization) as a node, sized to the
/// page's width. The few plotly attributes Plotly.NET.CSharp's chart functions do not take (a bar's per-bar
/// <c>base</c>, <c>barmode</c>, line <c>shape</c>, hover text) are set on the node.
/// </summary>
internal static class Figure
{
    /// <summary>The figure of <paramref name="chart"/>, <paramref name="height"/> pixels high and as wide as the page.</summary>
    public static JsonObject From(GenericChart chart, int height)
    {
        var figure = JsonNode.Parse(GenericChart.toFigureJson(chart))!.AsObject();
        figure.Remove("frames");
        var layout = Layout(figure);
        layout.Remove("width");
        layout["height"] = height;
        layout["autosize"] = true;
        layout["margin"] = new JsonObject { ["t"] = 20, ["b"] = 50 };
        return figure;
    }

    /// <summary>The figure's traces.</summary>
    public static JsonArray Traces(JsonObject figure) => figure["data"]!.AsArray();

    /// <summary>The figure's layout.</summary>
    public static JsonObject Layout(JsonObject figure) => figure["layout"]!.AsObject();

    /// <summary>The figure's axis (<c>xaxis</c>, <c>yaxis</c>), made when missing.</summary>
    public static JsonObject Axis(JsonObject figure, string name)
    {
        var layout = Layout(figure);
        if (layout[name] is not JsonObject axis)
        {
            axis = [];
            layout[name] = axis;
        }

        return axis;
    }

    /// <summary>A JSON array of strings.</summary>
    public static JsonArray Strings(IEnumerable<string> values) => [.. values.Select(v => (JsonNode?)JsonValue.Create(v))];

    /// <summary>A JSON array of numbers.</summary>
    public static JsonArray Numbers(IEnumerable<double> values) => [.. values.Select(v => (JsonNode?)JsonValue.Create(v))];
}
