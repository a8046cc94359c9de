using System.Collections.Immutable;
using System.Text.Json.Nodes;
using VmssGrains.Abstractions.Views;
using VmssGrains.Domain.Load;
using static VmssGrains.Simulation.Scenarios.JsonPath;

namespace VmssGrains.Simulation.Scenarios;

/// <summary>Reads <c>trafficGates[]</c> (docs/contracts.md#traffic-gates).</summary>
internal static class TrafficGateReader
{
    /// <summary>The gates; each names a scale set of <paramref name="scaleSets"/> and a load balancer of <paramref name="loadBalancers"/> that offers load.</summary>
    public static ImmutableArray<TrafficGate> Read(JsonObject root, IReadOnlyCollection<string> scaleSets, ImmutableArray<(string Name, LoadBalancerConfig Config)> loadBalancers)
    {
        var array = Get(root, "trafficGates") is { } node ? Array(node, "$.trafficGates") : [];
        var gates = ImmutableArray.CreateBuilder<TrafficGate>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var path = $"$.trafficGates[{i}]";
            var gate = Object(array[i], path);
            OnlyFields(gate, path, "scaleSet", "loadBalancer", "window", "minAvailabilityPercent", "maxRequestsDropped");
            var scaleSet = String(gate, "scaleSet", path);
            if (!scaleSets.Contains(scaleSet, StringComparer.OrdinalIgnoreCase))
            {
                throw new ScenarioException($"{path}.scaleSet", $"scale set '{scaleSet}' is not defined in scaleSets[]");
            }

            var loadBalancer = String(gate, "loadBalancer", path);
            var lb = loadBalancers.FirstOrDefault(l => string.Equals(l.Name, loadBalancer, StringComparison.OrdinalIgnoreCase));
            if (lb.Name is null)
            {
                throw new ScenarioException($"{path}.loadBalancer", $"load balancer '{loadBalancer}' is not defined in loadBalancers[]");
            }

            if (!lb.Config.OffersLoad)
            {
                throw new ScenarioException($"{path}.loadBalancer", $"load balancer '{loadBalancer}' is offered no load (give it load.requestsPerSecond or an offered-load curve)");
            }

            var window = Duration(gate, "window", path) ?? throw new ScenarioException($"{path}.window", "is required");
            if (window < TimeSpan.FromMinutes(1) || window.Ticks % TimeSpan.TicksPerMinute != 0)
            {
                throw new ScenarioException($"{path}.window", "must be whole minutes, at least PT1M (the gate is checked at every whole minute)");
            }

            var min = Number(gate, "minAvailabilityPercent", path, 0, 100);
            var max = Long(gate, "maxRequestsDropped", path, 0, long.MaxValue);
            if (min is null && max is null)
            {
                throw new ScenarioException(path, "needs minAvailabilityPercent or maxRequestsDropped (or both)");
            }

            var scaleSetName = scaleSets.First(s => string.Equals(s, scaleSet, StringComparison.OrdinalIgnoreCase));
            gates.Add(new TrafficGate(scaleSetName, lb.Name, window, min, max));
        }

        return gates.MoveToImmutable();
    }
}
