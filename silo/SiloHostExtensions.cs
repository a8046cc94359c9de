using System.Net;
using Orleans.Configuration;
using VmssGrains.Grains.Hosting;

namespace VmssGrains.Silo;

/// <summary>The silo's registrations: clustering, the simulation, graceful shutdown.</summary>
public static class SiloHostExtensions
{
    /// <summary>Adds an Orleans silo hosting the VmssGrains grains.</summary>
    public static HostApplicationBuilder AddVmssSilo(this HostApplicationBuilder builder, SiloSettings settings)
    {
        // Simulated time is a function of wall time and the anchor: silos started with the same anchor agree.
        var simulation = SimulationHost.Create(settings.Clock, epoch: settings.Anchor, anchor: settings.Anchor, freeRunning: true);
        simulation.DefaultSeed = settings.Seed;
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, new IPEndPoint(IPAddress.Loopback, settings.PrimarySiloPort), settings.ClusterId, settings.ClusterId)
            .Configure<ClusterMembershipOptions>(o =>
            {
                // Notice a killed silo process within seconds on one machine.
                o.ProbeTimeout = TimeSpan.FromSeconds(2);
                o.NumMissedProbesLimit = 2;
            })
            .AddVmssGrains(simulation));
        return builder;
    }
}
