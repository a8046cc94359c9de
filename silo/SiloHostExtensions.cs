using System.Net;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Orleans.Configuration;
using Orleans.Connections.Security;
using Orleans.Dashboard;
using VmssGrains.Grains.Hosting;
using VmssGrains.Grains.Telemetry;

namespace VmssGrains.Silo;

/// <summary>The silo's registrations: its settings, clustering, the simulation, telemetry, the dashboard, host filtering, graceful shutdown.</summary>
public static class SiloHostExtensions
{
    /// <summary>Adds an Orleans silo hosting the VmssGrains grains; returns the settings it was built with.</summary>
    public static SiloSettings AddVmssSilo(this WebApplicationBuilder builder)
    {
        // The settings are options, validated when the host starts; the host is built from what they parse to.
        builder.Services.AddSingleton<SiloSettingsValidator>();
        builder.Services.AddSingleton<IValidateOptions<SiloOptions>>(s => s.GetRequiredService<SiloSettingsValidator>());
        builder.Services.AddSingleton<IValidateOptions<SimulationOptions>>(s => s.GetRequiredService<SiloSettingsValidator>());
        builder.Services.AddOptions<SiloOptions>().BindConfiguration(SiloOptions.Section).ValidateOnStart();
        builder.Services.AddOptions<SimulationOptions>().BindConfiguration(SimulationOptions.Section).ValidateOnStart();
        var settings = SiloSettings.Read(builder.Configuration);

        // Simulated time is a function of wall time and the anchor: silos started with the same anchor agree.
        var simulation = SimulationHost.Create(settings.Clock, epoch: settings.Anchor, anchor: settings.Anchor, freeRunning: true);
        simulation.DefaultSeed = settings.Seed;
        builder.WebHost.UseUrls(settings.WebUrl);

        // A page in a browser must not read the web port through DNS rebinding: only the configured host names are answered.
        builder.Services.Configure<HostFilteringOptions>(o => o.AllowedHosts = [.. settings.AllowedHosts]);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownWatchdog.ShutdownTimeout);
        builder.AddVmssTelemetry("vmss-silo", metrics => metrics.AddPrometheusExporter());
        builder.UseOrleans(silo => silo
            .UseVmssClustering(settings)
            .UseVmssTls(settings)
            .Configure<ClusterMembershipOptions>(FailureDetection.Configure)
            .AddDashboard()
            .AddVmssGrains(simulation, settings.Store));

        // After UseOrleans: the last registration is the one resolved.
        builder.Services.AddSingleton(s => new SiloFatalErrorHandler(s.GetRequiredService<IHostApplicationLifetime>(), Console.Error));
        builder.Services.AddSingleton<IFatalErrorHandler>(s => s.GetRequiredService<SiloFatalErrorHandler>());
        return settings;
    }

    /// <summary>
    /// Membership: on the Memory store, localhost clustering around the primary silo (the cluster dies with it); on
    /// the Redis store, Orleans' Redis membership table (no primary: any silo may start first or die), with the silo
    /// and gateway listening at the configured ports on <see cref="SiloSettings.AdvertisedAddress"/> (loopback by default).
    /// </summary>
    private static ISiloBuilder UseVmssClustering(this ISiloBuilder silo, SiloSettings settings)
    {
        if (!settings.Store.Durable)
        {
            return silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, new IPEndPoint(IPAddress.Loopback, settings.PrimarySiloPort), settings.ClusterId, settings.ClusterId);
        }

        silo.UseRedisClustering(settings.Store.RedisConnectionString!)
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (settings.ClusterId, settings.ClusterId))
            .Configure<EndpointOptions>(o =>
            {
                // In a pod, Kubernetes hosting advertises the pod's IP and listens on every interface; elsewhere the silo
                // listens on the address it advertises (loopback unless Silo:AdvertisedAddress names another).
                if (!settings.Kubernetes)
                {
                    o.AdvertisedIPAddress = settings.AdvertisedAddress;
                }

                o.SiloPort = settings.SiloPort;
                o.GatewayPort = settings.GatewayPort;
            });
        return settings.Kubernetes ? silo.UseKubernetesHosting() : silo;
    }

    /// <summary>
    /// TLS on the silo and gateway ports when <c>Silo:Tls:CertificateFile</c> is set: the silo presents the cluster
    /// certificate, requires one from every peer (silo or client), and accepts only the same certificate.
    /// </summary>
    private static ISiloBuilder UseVmssTls(this ISiloBuilder silo, SiloSettings settings)
    {
        // The validator has already loaded it (an unusable file stops the start with one line, exit 2).
        if (settings.TlsCertificateFile is not { } file || ClusterCertificate.TryLoad(file, settings.TlsCertificatePassword, out _) is not { } certificate)
        {
            return silo;
        }

        return silo.UseTls(certificate.Certificate, o =>
        {
            o.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
            o.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
            o.RemoteCertificateValidation = certificate.Trusts;
        });
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
