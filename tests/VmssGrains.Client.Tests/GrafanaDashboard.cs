using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace VmssGrains.Client.Tests;

/// <summary>The Grafana dashboard shipped in silo/grafana: its template variables and its panels' PromQL targets.</summary>
public sealed partial class GrafanaDashboard
{
    /// <summary>The variables a target may use.</summary>
    public static readonly IReadOnlySet<string> AllowedVariables = new HashSet<string>(StringComparer.Ordinal) { "scaleSet", "loadBalancer", "__rate_interval" };

    private GrafanaDashboard(JsonObject model) => Model = model;

    /// <summary>The rolling-upgrade dashboard's path.</summary>
    public static string RollingUpgradePath => Path.Combine(Repo.Root, "silo", "grafana", "vmss-rolling-upgrade.json");

    /// <summary>The dashboard's JSON model.</summary>
    public JsonObject Model { get; }

    /// <summary>Every panel, nested rows' panels included.</summary>
    public IEnumerable<JsonObject> Panels => Flatten(Model.Objects("panels"));

    /// <summary>Every target as (panel title, refId, expr).</summary>
    public IEnumerable<(string Panel, string RefId, string Expr)> Targets =>
        Panels.SelectMany(p => p.Objects("targets").Select(t => (p.Str("title") ?? "", t.Str("refId") ?? "", t.Str("expr") ?? "")));

    /// <summary>The template variables by name.</summary>
    public IReadOnlyDictionary<string, JsonObject> Variables =>
        Model["templating"].Objects("list").ToDictionary(v => v.Str("name")!, StringComparer.Ordinal);

    /// <summary>Loads a dashboard JSON model.</summary>
    public static GrafanaDashboard Load(string path) => new(JsonNode.Parse(File.ReadAllText(path))!.AsObject());

    /// <summary>The query of a query variable (Grafana stores it as a string or as an object with <c>query</c>).</summary>
    public static string? VariableQuery(JsonObject variable) =>
        variable["query"] switch
        {
            JsonValue v => v.GetValue<string>(),
            JsonObject o => o.Str("query"),
            _ => null,
        };

    /// <summary>The variables an expression uses (<c>$name</c>, <c>${name}</c>, <c>[[name]]</c>).</summary>
    public static IEnumerable<string> VariablesIn(string expr) =>
        VariablePattern().Matches(expr).Select(m => m.Groups["a"].Success ? m.Groups["a"].Value : m.Groups["b"].Success ? m.Groups["b"].Value : m.Groups["c"].Value);

    /// <summary>Replaces the variables as Grafana would for one scale set and load balancer.</summary>
    public static string Substitute(string expr, string scaleSet, string loadBalancer, string rateInterval = "1m") =>
        VariablePattern().Replace(expr, m => (m.Groups["a"].Success ? m.Groups["a"].Value : m.Groups["b"].Success ? m.Groups["b"].Value : m.Groups["c"].Value) switch
        {
            "scaleSet" => scaleSet,
            "loadBalancer" => loadBalancer,
            "__rate_interval" => rateInterval,
            var other => throw new InvalidOperationException($"unknown variable ${other} in {expr}"),
        });

    private static IEnumerable<JsonObject> Flatten(IEnumerable<JsonObject> panels) =>
        panels.SelectMany(p => new[] { p }.Concat(Flatten(p.Objects("panels"))));

    [GeneratedRegex(@"\$\{(?<a>\w+)(?::\w+)?\}|\[\[(?<b>\w+)\]\]|\$(?<c>\w+)")]
    private static partial Regex VariablePattern();
}
