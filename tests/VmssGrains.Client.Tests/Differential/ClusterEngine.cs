using Microsoft.Extensions.Logging;
using VmssGrains.Domain.Fleet;
using VmssGrains.Grains.Clock;
using VmssGrains.Grains.Hosting;
using VmssGrains.Simulation.Driving;
using VmssGrains.Simulation.Scenarios;
using VmssGrains.Tests.Shared;

namespace VmssGrains.Client.Tests.Differential;

/// <summary>
/// The Orleans engine on an in-process cluster of <paramref name="silos"/> silos (Orleans.TestingHost), each
/// registered as the embedded silo of <c>simulate</c> is (<c>AddVmssGrains</c> on one virtual clock), a new cluster per
/// scenario. The scenario runs from the cluster's client through <see cref="ScenarioRunner"/>, watched for simulation
/// faults as <c>simulate</c> watches them, and the report is written as <c>simulate --output json</c> writes it.
/// <paramref name="listing"/> is the report's <c>--instances</c> (null: the default).
/// </summary>
public sealed class ClusterEngine(short silos, InstanceListing? listing = null) : IEngine
{
    /// <inheritdoc/>
    public string Name => $"Orleans on {silos} silo{(silos == 1 ? "" : "s")}{(listing is { } l ? $" --instances {InstanceListings.Name(l)}" : "")}";

    /// <inheritdoc/>
    public async Task<string> RunAsync(string scenarioJson, long seed)
    {
        Scenario scenario;
        try
        {
            scenario = ScenarioReader.Read(scenarioJson);
        }
        catch (ScenarioException e)
        {
            throw new EngineFailedException($"{Name}: {e.Message}", e);
        }

        using var host = SimulationHost.Create(ClockSpec.Virtual);
        await using var cluster = SimulationClusters.Builder(silos, host, LogLevel.Error).Build();
        await cluster.DeployAsync();
        using var clock = new FaultWatchingScenarioClock(new VirtualScenarioClock(host.VirtualClock!, host.Monitor), host.Monitor);
        try
        {
            var report = await new ScenarioRunner(cluster.Client, clock) { Instances = listing }.RunAsync(scenario, seed);
            return report + Environment.NewLine;
        }
        catch (Exception e) when (e is ScenarioException or SimulationFaultException)
        {
            throw new EngineFailedException($"{Name}: {e.Message}", e);
        }
    }
}
