using Microsoft.Extensions.Logging;
using Orleans.TestingHost;
using VmssGrains.Grains.Hosting;

namespace VmssGrains.Tests.Shared;

/// <summary>
/// The in-process clusters the grain tests, the client tests and the benchmark run (linked into each): silos running
/// VmssGrains on <see cref="SimulationHost"/>'s clock and monitor, and a client of the same host.
/// </summary>
internal static class SimulationClusters
{
    /// <summary>
    /// A builder of <paramref name="silos"/> silos and their client, logging at <paramref name="level"/> and above (Orleans
    /// logs every placement at Information: thousands of lines per fleet). <paramref name="store"/>: where grain state
    /// and reminders live (memory unless given).
    /// </summary>
    public static InProcessTestClusterBuilder Builder(short silos, SimulationHost host, LogLevel level = LogLevel.Warning, GrainStore? store = null)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) => silo.AddVmssGrains(host, store));
        builder.ConfigureSiloHost((_, siloHost) => siloHost.Logging.SetMinimumLevel(level));
        builder.ConfigureClientHost(clientHost => clientHost.Logging.SetMinimumLevel(level));
        builder.ConfigureClient(client => client.AddVmssSimulationClient(host));
        return builder;
    }
}
