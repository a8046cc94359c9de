using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Giraffe.ViewEngine;
using Plotly.NET;

namespace VmssGrains.Reporting.Html;

/// <summary>
/// Writes the page: a head with the charset first, then plotly.js inlined (Plotly.NET's <see cref="PlotlyJSReference.Full"/>
/// reference, so opening the file needs no network), headings and one element per chart, and one script that plots
/// every figure and then sets <c>data-charts-rendered</c> on the body to the number of charts. Element ids are the
/// sections' own, never random, so one input gives a byte-identical file.
/// </summary>
internal static class PlotlyDocument
{
    /// <summary>The attribute the body gets once every chart is plotted (its value: the number of charts).</summary>
    public const string RenderedAttribute = "data-charts-rendered";

    private static readonly Lazy<string> PlotlyScript = new(InlinePlotlyScript);

    // The default encoder escapes <, >, & and every non-ASCII character: a figure never ends the script element.
    private static readonly JsonSerializerOptions Compact = new() { Encoder = JavaScriptEncoder.Default };

    private const string Style = """
        <style>
        body { font-family: "Segoe UI", Helvetica, Arial, sans-serif; margin: 1.5em 2em; color: #2a3f5f; }
        h1 { font-size: 1.5em; margin-bottom: 0.2em; }
        h2 { font-size: 1.15em; margin: 1.4em 0 0.2em; }
        p { margin: 0.2em 0; }
        p.note { color: #5a6b80; font-size: 0.9em; }
        div.chart { width: 100%; }
        </style>

        """;

    /// <summary>Writes the page.</summary>
    public static void Write(TextWriter writer, string title, IEnumerable<string> summary, IReadOnlyList<ChartSection> sections, IEnumerable<string> notes)
    {
        writer.Write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        writer.Write($"<title>{Encode(title)}</title>\n");
        writer.Write(Style.ReplaceLineEndings("\n"));
        writer.Write(PlotlyScript.Value);
        writer.Write("\n</head>\n<body>\n");
        writer.Write($"<h1>{Encode(title)}</h1>\n");
        foreach (var line in summary)
        {
            writer.Write($"<p>{Encode(line)}</p>\n");
        }

        foreach (var section in sections)
        {
            writer.Write($"<section>\n<h2>{Encode(section.Heading)}</h2>\n<p class=\"note\">{Encode(section.Note)}</p>\n");
            writer.Write($"<div id=\"{Encode(section.Id)}\" class=\"chart\"></div>\n</section>\n");
        }

        foreach (var note in notes)
        {
            writer.Write($"<p class=\"note\">{Encode(note)}</p>\n");
        }

        var figures = new JsonArray([.. sections.Select(s => (JsonNode?)new JsonArray(JsonValue.Create(s.Id), s.Figure.DeepClone()))]);
        writer.Write("<script type=\"text/javascript\">\n(function () {\n");
        writer.Write($"  var figures = {figures.ToJsonString(Compact)};\n");
        writer.Write("  var config = { responsive: true, displaylogo: false };\n");
        writer.Write("  Promise.all(figures.map(function (f) { return Plotly.newPlot(f[0], f[1].data, f[1].layout, config); }))\n");
        writer.Write($"    .then(function () {{ document.body.setAttribute(\"{RenderedAttribute}\", String(figures.length)); }});\n");
        writer.Write("})();\n</script>\n</body>\n</html>\n");
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    /// <summary>
    /// plotly.js as Plotly.NET inlines it: the script element its document head holds with the full reference (it
    /// places the charset after the script, so the page takes the element and writes its own head).
    /// </summary>
    private static string InlinePlotlyScript()
    {
        var document = HTML.Doc([], "", "", "utf-8", HtmlElements.rawText(""), PlotlyJSReference.Full, null, null);
        var html = RenderView.AsString.htmlDocument(document);
        var start = html.IndexOf("<head>", StringComparison.Ordinal) + "<head>".Length;
        // plotly.js itself holds "<title>": the head's own title element is the last one before the last </head>.
        var end = html.LastIndexOf("<title>", html.LastIndexOf("</head>", StringComparison.Ordinal), StringComparison.Ordinal);
        var script = start < "<head>".Length || end < 0 ? "" : html[start..end];
        if (!script.StartsWith("<script", StringComparison.Ordinal) || !script.EndsWith("</script>", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("Plotly.NET's document head no longer starts with the inlined plotly.js script");
        }

        return script;
    }
}
