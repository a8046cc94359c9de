using System.Collections;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace VmssGrains.Grains.Telemetry;

/// <summary>
/// OpenTelemetry for every host of the simulation (silo, embedded simulate, console): the VmssGrains and
/// Orleans meters and activity sources, and OTLP export of metrics, traces and logs when the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable is set (the other <c>OTEL_*</c> variables apply too).
/// </summary>
public static class TelemetryExtensions
{
    /// <summary>Orleans' meter.</summary>
    public const string OrleansMeter = "Microsoft.Orleans";

    /// <summary>The standard variable naming the OTLP endpoint (e.g. <c>http://localhost:4318</c> with <c>OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf</c>).</summary>
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Orleans' activity sources (with <c>AddActivityPropagation</c> one trace spans grain hops and silos).</summary>
    public static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>The standard variable naming the OTLP protocol: <c>grpc</c> (the default) or <c>http/protobuf</c>.</summary>
    public const string ProtocolVariable = "OTEL_EXPORTER_OTLP_PROTOCOL";

    /// <summary>
    /// What is wrong with the OTLP settings <paramref name="read"/> gives (the endpoint must be an absolute http or https
    /// URL, the protocol <c>grpc</c> or <c>http/protobuf</c>), as one line naming the variable; null when they are fine
    /// or absent. The exporter itself ignores bad values silently, so every host checks them before it starts.
    /// </summary>
    public static string? OtlpSettingsProblem(Func<string, string?> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var endpoint = read(EndpointVariable);
        if (!string.IsNullOrWhiteSpace(endpoint)
            && !(Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && !string.IsNullOrEmpty(uri.Host)))
        {
            return $"{EndpointVariable}: '{endpoint}' is not an absolute http or https URL (for example http://localhost:4318)";
        }

        var protocol = read(ProtocolVariable);
        return string.IsNullOrWhiteSpace(protocol) || protocol.Trim() is "grpc" or "http/protobuf"
            ? null
            : $"{ProtocolVariable}: '{protocol}' is not an OTLP protocol; use grpc or http/protobuf";
    }

    /// <summary>True when an OTLP endpoint is configured in the environment.</summary>
    public static bool OtlpConfigured => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(EndpointVariable));

    /// <summary>
    /// Adds OpenTelemetry with the simulation's meter and sources, exporting through OTLP when an endpoint is configured.
    /// </summary>
    /// <remarks>
    /// The OTLP exporter, the metric reader and the resource read the <c>OTEL_*</c> settings from the host's
    /// <see cref="IConfiguration"/>, not from the process environment. A host built with <c>DisableDefaults</c>
    /// (simulate's embedded silo, the console's client) has no environment variables in its configuration, so
    /// the exporter silently fell back to gRPC on localhost:4317. The process's <c>OTEL_*</c> variables are
    /// therefore added here as the configuration's first, lowest-precedence source: a host that already reads
    /// the environment (the silo) keeps its own order. Every provider is flushed when the application starts
    /// stopping, while its grains are still active (the load balancers' observable gauges read them), and
    /// again when the host is disposed.
    /// </remarks>
    /// <param name="host">The host's builder.</param>
    /// <param name="serviceName">The service.name resource attribute (<c>vmss-silo</c>, <c>vmss-simulate</c>, <c>vmss-cli</c>).</param>
    /// <param name="metrics">More metrics configuration (a Prometheus exporter).</param>
    public static OpenTelemetryBuilder AddVmssTelemetry(this IHostApplicationBuilder host, string serviceName, Action<MeterProviderBuilder>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        host.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = OtelEnvironment() });
        var builder = host.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName, serviceVersion: typeof(TelemetryExtensions).Assembly.GetName().Version?.ToString()))
            .WithMetrics(m =>
            {
                m.AddMeter(VmssTelemetry.Name, OrleansMeter);
                metrics?.Invoke(m);
            })
            .WithTracing(t => t.AddSource(VmssTelemetry.Name).AddSource(OrleansSources))
            .WithLogging();
        if (!string.IsNullOrWhiteSpace(host.Configuration[EndpointVariable]))
        {
            builder.UseOtlpExporter();
        }

        host.Services.AddHostedService<TelemetryFlush>();
        return builder;
    }

    /// <summary>
    /// The exported logs of a host configured in code (simulate's embedded silo, the console), as the silo's
    /// appsettings.json sets them: Information (the activity log, the simulation's own logs), Orleans' and
    /// Microsoft's and Polly's from Warning. Other providers (standard error) keep their own levels.
    /// </summary>
    public static ILoggingBuilder FilterExportedLogs(this ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        return logging
            .AddFilter<OpenTelemetryLoggerProvider>(null, LogLevel.Information)
            .AddFilter<OpenTelemetryLoggerProvider>("Orleans", LogLevel.Warning)
            .AddFilter<OpenTelemetryLoggerProvider>("Microsoft", LogLevel.Warning)
            .AddFilter<OpenTelemetryLoggerProvider>("Polly", LogLevel.Warning);
    }

    /// <summary>The process's <c>OTEL_*</c> environment variables under their own names.</summary>
    private static Dictionary<string, string?> OtelEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<DictionaryEntry>()
            .Where(e => e.Key is string key && key.StartsWith("OTEL_", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(e => (string)e.Key, e => e.Value as string, StringComparer.OrdinalIgnoreCase);
}
