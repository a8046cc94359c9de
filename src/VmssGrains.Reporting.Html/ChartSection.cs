using System.Text.Json.Nodes;

namespace VmssGrains.Reporting.Html;

/// <summary>One chart of the page: the id of its element, its heading, a line on what it shows, and its plotly figure (<c>data</c>, <c>layout</c>).</summary>
internal sealed record ChartSection(string Id, string Heading, string Note, JsonObject Figure);
