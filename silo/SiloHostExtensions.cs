using System.Net;
using OpenTelemetry.Metrics;
using Orleans.Configuration;
using Orleans.Dashboard;
using VmssGrains.Grains.Hosting;
using VmssGrains.Grains.Telemetry;

namespace VmssGrains.Silo;

/// <summary>The silo's registrations: clustering, the simulation, telemetry, the dashboard, graceful shutdown.</summary>
public static class SiloHostExtensions
{
    /// <summary>Adds an Orleans silo hosting the VmssGrains grains.</summary>
    public static WebApplicationBuilder AddVmssSilo(this WebApplicationBuilder builder, SiloSettings settings)
    {
        // Simulated time is a function of wall time and the anchor: silos started with the same anchor agree.
        var simulation = SimulationHost.Create(settings.Clock, epoch: settings.Anchor, anchor: settings.Anchor, freeRunning: true);
        simulation.DefaultSeed = settings.Seed;
        builder.WebHost.UseUrls($"http://{settings.WebHost}:{settings.WebPort}");
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        builder.AddVmssTelemetry("vmss-silo", metrics => metrics.AddPrometheusExporter());
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, new IPEndPoint(IPAddress.Loopback, settings.PrimarySiloPort), settings.ClusterId, settings.ClusterId)
            .Configure<ClusterMembershipOptions>(o =>
            {
                // Notice a killed silo process within seconds on one machine.
                o.ProbeTimeout = TimeSpan.FromSeconds(2);
                o.NumMissedProbesLimit = 2;
            })
            .AddDashboard()
            .AddVmssGrains(simulation));
        return builder;
    }

    /// <summary>Maps <c>/metrics</c> (Prometheus text format) and <c>/dashboard</c> (Orleans Dashboard).</summary>
    public static WebApplication MapVmssEndpoints(this WebApplication app, SiloSettings settings)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapOrleansDashboard("/dashboard");
        app.MapGet("/", () => Results.Text($"VmssGrains silo {settings.SiloPort}: /metrics (Prometheus), /dashboard (Orleans Dashboard)\n"));
        return app;
    }
}
