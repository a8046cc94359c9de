using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using VmssGrains.Grains.Telemetry;
using VmssGrains.Simulation.Driving;

namespace VmssGrains.Client.Cli;

/// <summary>A client connection to a running cluster (<c>--cluster host:port[,host:port]</c>).</summary>
public sealed class ClusterConnection : IAsyncDisposable
{
    /// <summary>The gateway the first silo opens by default.</summary>
    public const string DefaultEndpoint = "localhost:30000";

    private readonly IHost host;

    private ClusterConnection(IHost host, string endpoints)
    {
        this.host = host;
        Endpoints = endpoints;
        Client = host.Services.GetRequiredService<IClusterClient>();
    }

    /// <summary>The cluster client.</summary>
    public IClusterClient Client { get; }

    /// <summary>The endpoints connected to, as given.</summary>
    public string Endpoints { get; }

    /// <summary>Connects, failing fast with a clear error when no gateway answers.</summary>
    public static async Task<ClusterConnection> ConnectAsync(string? cluster, string clusterId, CancellationToken cancellationToken)
    {
        var text = string.IsNullOrWhiteSpace(cluster) ? Environment.GetEnvironmentVariable("VMSS_CLUSTER") ?? DefaultEndpoint : cluster;
        var endpoints = ParseEndpoints(text);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        CommandHostLifetime.Use(builder.Services);
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client => client
            .UseStaticClustering(endpoints)
            .Configure<ClusterOptions>(o =>
            {
                o.ClusterId = clusterId;
                o.ServiceId = clusterId;
            })
            .UseConnectionRetryFilter((_, _) => Task.FromResult(false))
            .AddActivityPropagation());
        if (TelemetryExtensions.OtlpConfigured)
        {
            builder.Logging.FilterExportedLogs();
            builder.AddVmssTelemetry("vmss-cli").WithTracing(t => t.AddSource(ClientTelemetry.Name));
        }

        var host = builder.Build();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        try
        {
            await host.StartAsync(timeout.Token);
        }
        catch (Exception e)
        {
            host.Dispose();
            if (cancellationToken.IsCancellationRequested && e is OperationCanceledException)
            {
                throw;
            }

            if (cancellationToken.IsCancellationRequested)
            {
                // Interrupted while connecting, whatever the client made of it.
                throw new OperationCanceledException("interrupted while connecting", e, cancellationToken);
            }

            throw new CliException($"cannot reach the cluster at {text} (cluster id '{clusterId}'): {FirstLine(e)}. Start a silo with `dotnet run --project silo` or pass --cluster host:port.", ExitCodes.Failure);
        }

        return new ClusterConnection(host, text);
    }

    /// <summary>Parses <c>host:port[,host:port...]</c>.</summary>
    public static IPEndPoint[] ParseEndpoints(string text)
    {
        var result = new List<IPEndPoint>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = part.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(part[(colon + 1)..], out var port) || port is <= 0 or > 65535)
            {
                throw new CliException($"--cluster: '{part}' is not host:port (for example localhost:30000)");
            }

            var hostName = part[..colon];
            if (!IPAddress.TryParse(hostName, out var address))
            {
                try
                {
                    address = Dns.GetHostAddresses(hostName).FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork);
                }
                catch (SocketException)
                {
                    address = null;
                }
            }

            result.Add(new IPEndPoint(address ?? throw new CliException($"--cluster: cannot resolve host '{hostName}'", ExitCodes.Failure), port));
        }

        return result.Count > 0 ? [.. result] : throw new CliException("--cluster: give at least one host:port");
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await host.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
        }

        host.Dispose();
    }

    private static string FirstLine(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return inner.Message.Split('\n')[0].Trim();
    }
}
