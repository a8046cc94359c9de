using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Orleans.Connections.Security;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Grains.Hosting;
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

    /// <summary>
    /// Connects with the global options of <paramref name="context"/> (<c>--cluster</c>, <c>--cluster-id</c>,
    /// <c>--tls-certificate</c>); when a gateway it was given did not answer, says on standard error which silo it reached.
    /// </summary>
    public static Task<ClusterConnection> ConnectAsync(CliContext context, CancellationToken cancellationToken) => ConnectAsync(
        context.Get(GlobalOptions.Cluster),
        context.Get(GlobalOptions.ClusterId) ?? "vmss",
        cancellationToken,
        LoadCertificate(context.Get(GlobalOptions.TlsCertificate)),
        context.Error);

    /// <summary>
    /// Connects, failing fast with a clear error when no gateway answers. With <paramref name="tls"/>, over TLS: the
    /// console presents the cluster certificate and accepts only a silo presenting the same one. Orleans uses every
    /// gateway given that answers; when one of several did not, <paramref name="notes"/> gets one line naming it and
    /// the silo the console reached.
    /// </summary>
    public static async Task<ClusterConnection> ConnectAsync(string? cluster, string clusterId, CancellationToken cancellationToken, ClusterCertificate? tls = null, TextWriter? notes = null)
    {
        var text = string.IsNullOrWhiteSpace(cluster) ? Environment.GetEnvironmentVariable("VMSS_CLUSTER") ?? DefaultEndpoint : cluster;
        var endpoints = ParseEndpoints(text);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        CommandHostLifetime.Use(builder.Services);
        builder.Logging.ClearProviders();
        builder.UseOrleansClient(client =>
        {
            client
                .UseStaticClustering(endpoints)
                .Configure<ClusterOptions>(o =>
                {
                    o.ClusterId = clusterId;
                    o.ServiceId = clusterId;
                })
                .UseConnectionRetryFilter((_, _) => Task.FromResult(false))
                .AddActivityPropagation();
            if (tls is not null)
            {
                client.UseTls(tls.Certificate, o =>
                {
                    o.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
                    o.RemoteCertificateValidation = tls.Trusts;
                });
            }
        });
        if (TelemetryExtensions.OtlpConfigured)
        {
            builder.Logging.FilterExportedLogs();
            builder.AddVmssTelemetry("vmss-cli").WithTracing(t => t.AddSource(ClientTelemetry.Name));
        }

        var host = builder.Build();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(15));
        var unanswered = notes is not null && endpoints.Length > 1 ? GatewayProbe.UnansweredAsync(endpoints, timeout.Token) : Task.FromResult<IReadOnlyList<IPEndPoint>>([]);
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

            var hint = tls is null
                ? " Start a silo with `dotnet run --project silo` or pass --cluster host:port (and --tls-certificate when the silos run with TLS)."
                : " Start a silo with `dotnet run --project silo` or pass --cluster host:port, and check --tls-certificate is the silos' Silo:Tls:CertificateFile.";
            throw new CliException($"cannot reach the cluster at {text} (cluster id '{clusterId}'): {FirstLine(e)}.{hint}", ExitCodes.Failure);
        }

        var connection = new ClusterConnection(host, text);
        if (notes is not null && await unanswered is { Count: > 0 } dead)
        {
            await notes.WriteLineAsync($"warning: gateway {string.Join(", ", dead)} did not answer; connected through {await ReachedAsync(connection.Client, cancellationToken)}");
        }

        return connection;
    }

    /// <summary>The silo a call reaches, as <c>silo 127.0.0.1:11112 (gateway 127.0.0.1:30001)</c>; <c>another gateway</c> when a silo too old to say answers.</summary>
    private static async Task<string> ReachedAsync(IClusterClient client, CancellationToken cancellationToken)
    {
        try
        {
            var silo = await client.GetGrain<ISiloIdentityGrain>(0).GetSiloAsync().WaitAsync(cancellationToken);
            return $"silo {silo.Silo} (gateway {silo.Gateway})";
        }
        catch (ArgumentException)
        {
            // "Could not find an implementation": a silo of an earlier build.
            return "another gateway";
        }
    }

    /// <summary>The certificate of <c>--tls-certificate</c> (or <c>$VMSS_TLS_CERTIFICATE</c>) with the password of <c>$VMSS_TLS_CERTIFICATE_PASSWORD</c>; null when neither names a file.</summary>
    public static ClusterCertificate? LoadCertificate(string? option)
    {
        var file = string.IsNullOrWhiteSpace(option) ? Environment.GetEnvironmentVariable(GlobalOptions.TlsCertificateVariable) : option;
        if (string.IsNullOrWhiteSpace(file))
        {
            return null;
        }

        var name = string.IsNullOrWhiteSpace(option) ? $"${GlobalOptions.TlsCertificateVariable}" : "--tls-certificate";
        return ClusterCertificate.TryLoad(file.Trim(), Environment.GetEnvironmentVariable(GlobalOptions.TlsPasswordVariable), out var problem)
            ?? throw new CliException($"{name}: {problem}");
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
