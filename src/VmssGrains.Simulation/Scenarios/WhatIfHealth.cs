using System.Text.Json.Nodes;
using VmssGrains.Domain.Model;

namespace VmssGrains.Simulation.Scenarios;

/// <summary>
/// The load balancers and health source of a what-if, from the scale set's own references: the health probe
/// (<c>networkProfile.healthProbe.id</c>), the backend pools of the NIC IP configurations, and the Application Health
/// extension. Load balancers and probes are named as the ids name them.
/// </summary>
internal sealed record WhatIfHealth
{
    /// <summary>The probe settings assumed for a probe the scale set names: the scenario file's defaults, written out.</summary>
    public const string AssumedProbe = "Http on port 80, path /, every 5 s, healthy after 2 successes in a row";

    /// <summary>The scenario's <c>loadBalancers[]</c>.</summary>
    public required JsonArray LoadBalancers { get; init; }

    /// <summary>The health source, one line.</summary>
    public required string Health { get; init; }

    /// <summary>The load balancers, one line.</summary>
    public required string Pools { get; init; }

    /// <summary>What was assumed.</summary>
    public required IReadOnlyList<string> Assumptions { get; init; }

    /// <summary>Reads the references of <paramref name="resource"/> (valid: <paramref name="model"/> is its model).</summary>
    public static WhatIfHealth Plan(JsonObject resource, ScaleSetModel model)
    {
        var references = ScaleSetModelReader.References(resource);
        var probe = references.FirstOrDefault(r => r.Kind == ReferenceKind.HealthProbe)?.LoadBalancer;
        var pools = references.Where(r => r.Kind == ReferenceKind.BackendPool).Select(r => r.LoadBalancer!).ToList();
        var names = new List<string>();
        foreach (var lb in (probe is null ? pools : [probe, .. pools]).Select(r => r.LoadBalancer))
        {
            if (!names.Contains(lb, StringComparer.OrdinalIgnoreCase))
            {
                names.Add(lb);
            }
        }

        var loadBalancers = new JsonArray();
        foreach (var name in names)
        {
            var entry = new JsonObject { ["name"] = name };
            if (probe is not null && string.Equals(probe.LoadBalancer, name, StringComparison.OrdinalIgnoreCase))
            {
                entry["probe"] = new JsonObject { ["protocol"] = "Http", ["port"] = 80, ["requestPath"] = "/", ["intervalInSeconds"] = 5, ["numberOfProbes"] = 2 };
                if (probe.Child.Length > 0)
                {
                    ((JsonObject)entry["probe"]!).Insert(0, "name", probe.Child);
                }
            }

            loadBalancers.Add(entry);
        }

        var assumptions = new List<string>();
        var extension = model.Extensions.FirstOrDefault(e => e.IsApplicationHealth);
        string health;
        if (probe is not null)
        {
            health = $"load balancer probe {probe.LoadBalancer}/probes/{probe.Child} (networkProfile.healthProbe.id)";
            assumptions.Add($"probe {probe.LoadBalancer}/probes/{probe.Child}: {AssumedProbe} (a probe's settings live on the load balancer, not in the scale set's JSON)");
        }
        else if (extension is not null)
        {
            health = $"Application Health extension '{extension.Name}' (an instance is Initializing until it reports healthy)";
        }
        else
        {
            health = "none: no health probe and no Application Health extension, so an instance counts as healthy once it has booted and its extensions have succeeded (no health gate)";
        }

        if (probe is not null && extension is not null)
        {
            health += $", and Application Health extension '{extension.Name}'";
        }

        var poolText = names.Count == 0
            ? "none: the instances are in no backend pool"
            : string.Join(", ", names.Select(n => $"{n} ({Describe(n, probe, pools)})"));
        if (names.Count > 0)
        {
            assumptions.Add("no offered load: a load balancer's traffic is not in the scale set's JSON, so the report counts capacity in service but no requests (give loadBalancers[].load in the saved scenario)");
        }

        return new WhatIfHealth { LoadBalancers = loadBalancers, Health = health, Pools = poolText, Assumptions = assumptions };
    }

    private static string Describe(string name, LoadBalancerReference? probe, List<LoadBalancerReference> pools)
    {
        var parts = pools.Where(p => string.Equals(p.LoadBalancer, name, StringComparison.OrdinalIgnoreCase)).Select(p => $"backend pool {p.Child}").Distinct().ToList();
        if (probe is not null && string.Equals(probe.LoadBalancer, name, StringComparison.OrdinalIgnoreCase))
        {
            parts.Add($"probe {probe.Child}");
        }

        return string.Join(", ", parts);
    }
}
