using System.Text.RegularExpressions;

namespace VmssGrains.Client.Tests;

/// <summary>The shape of silo/grafana/vmss-rolling-upgrade.json, without Prometheus (the end-to-end test evaluates its targets).</summary>
[Trait("Category", "Prometheus")]
public sealed partial class GrafanaDashboardTests
{
    private readonly GrafanaDashboard dashboard = GrafanaDashboard.Load(GrafanaDashboard.RollingUpgradePath);

    [Fact]
    public void Variables_DatasourceScaleSetAndLoadBalancer_AreThePrometheusOnes()
    {
        var variables = dashboard.Variables;
        Assert.Equal("datasource", variables["datasource"].Str("type"));
        Assert.Equal("prometheus", variables["datasource"].Str("query"));
        Assert.Equal("query", variables["scaleSet"].Str("type"));
        Assert.Equal("label_values(vmss_instances, scaleSet)", GrafanaDashboard.VariableQuery(variables["scaleSet"]));
        Assert.Equal("query", variables["loadBalancer"].Str("type"));
        Assert.Equal("label_values(vmss_lb_backends, loadBalancer)", GrafanaDashboard.VariableQuery(variables["loadBalancer"]));
        Assert.All(new[] { "scaleSet", "loadBalancer" }, name => Assert.Equal("${datasource}", variables[name]["datasource"].Str("uid")));
    }

    [Fact]
    public void Targets_EveryPanel_HasPlainPromQlWithOnlyKnownVariables()
    {
        var panels = dashboard.Panels.Where(p => p.Str("type") != "row").ToList();
        Assert.NotEmpty(panels);
        Assert.All(panels, p => Assert.True(p.Objects("targets").Count > 0, $"panel '{p.Str("title")}' has no target"));
        Assert.Equal(panels.Count, panels.Select(p => p["id"]!.GetValue<int>()).Distinct().Count());
        Assert.All(dashboard.Targets, t =>
        {
            Assert.False(string.IsNullOrWhiteSpace(t.Expr), $"{t.Panel} {t.RefId}: no expr");
            Assert.All(GrafanaDashboard.VariablesIn(t.Expr), v => Assert.Contains(v, GrafanaDashboard.AllowedVariables));
        });
        Assert.All(panels, p => Assert.Equal("${datasource}", p["datasource"].Str("uid")));
    }

    [Fact]
    public void Targets_PerRequiredMetric_AtLeastOnePanelReadsIt()
    {
        var exprs = string.Join('\n', dashboard.Targets.Select(t => t.Expr));
        Assert.All(
            new[]
            {
                "vmss_run_instances", "vmss_instances", "vmss_unhealthy_percent", "vmss_unhealthy_limit_percent",
                "vmss_upgraded_unhealthy_percent", "vmss_upgraded_unhealthy_limit_percent", "vmss_lb_backends", "vmss_lb_in_service_percent",
                "vmss_lb_requests_dropped_total", "vmss_lb_requests_served_total", "vmss_lb_requests_offered_per_second",
                "vmss_lb_requests_served_per_second", "vmss_lb_requests_dropped_per_second", "vmss_lb_target_capacity", "vmss_batch_duration_seconds_bucket",
                "vmss_batch_duration_seconds_count", "vmss_instance_upgrade_duration_seconds_bucket", "vmss_runs_started_total",
                "vmss_runs_completed_total", "vmss_runs_faulted_total", "vmss_runs_cancelled_total",
            },
            metric => Assert.Contains(metric + "{", exprs, StringComparison.Ordinal));
    }

    [Fact]
    public void Targets_Traffic_NoWallTimeRateOfTheSimulatedRequestCounters()
    {
        // The request counters advance with simulated time: their rate() per wall second grows with the clock's speed.
        var offending = dashboard.Targets.Where(t => RateOfRequestCounter().IsMatch(t.Expr)).Select(t => $"{t.Panel} {t.RefId}: {t.Expr}").ToList();
        Assert.True(offending.Count == 0, string.Join('\n', offending));
        var rates = dashboard.Panels.Single(p => p.Str("title") == "Requests per simulated second");
        Assert.Equal(
            ["served", "dropped", "offered"],
            rates.Objects("targets").Select(t => t.Str("expr")).Select(e => RequestRateGauge().Match(e!) is { Success: true } m ? m.Groups["kind"].Value : e));
    }

    [Theory]
    [InlineData("rate(x{a=\"$scaleSet\"}[$__rate_interval])", "rate(x{a=\"web\"}[1m])")]
    [InlineData("x{a=\"${scaleSet}\",b=\"[[loadBalancer]]\"}", "x{a=\"web\",b=\"lb\"}")]
    public void Substitute_GrafanaVariableSyntaxes_AreReplaced(string expr, string expected) =>
        Assert.Equal(expected, GrafanaDashboard.Substitute(expr, "web", "lb", "1m"));

    [GeneratedRegex(@"(rate|increase)\(\s*vmss_lb_requests_")]
    private static partial Regex RateOfRequestCounter();

    [GeneratedRegex(@"^sum\(vmss_lb_requests_(?<kind>offered|served|dropped)_per_second\{loadBalancer=""\$loadBalancer""\}\)$")]
    private static partial Regex RequestRateGauge();
}
