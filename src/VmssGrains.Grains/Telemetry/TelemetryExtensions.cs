using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

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

    /// <summary>Orleans' activity sources (with <c>AddActivityPropagation</c> one trace spans grain hops and silos).</summary>
    public static readonly string[] OrleansSources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <summary>True when an OTLP endpoint is configured in the environment.</summary>
    public static bool OtlpConfigured => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT"));

    /// <summary>Adds OpenTelemetry with the simulation's meter and sources.</summary>
    /// <param name="services">The host's services.</param>
    /// <param name="serviceName">The service.name resource attribute (<c>vmss-silo</c>, <c>vmss-cli</c>).</param>
    /// <param name="metrics">More metrics configuration (a Prometheus exporter).</param>
    public static OpenTelemetryBuilder AddVmssTelemetry(this IServiceCollection services, string serviceName, Action<MeterProviderBuilder>? metrics = null)
    {
        var builder = services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName, serviceVersion: typeof(TelemetryExtensions).Assembly.GetName().Version?.ToString()))
            .WithMetrics(m =>
            {
                m.AddMeter(VmssTelemetry.Name, OrleansMeter);
                metrics?.Invoke(m);
            })
            .WithTracing(t => t.AddSource(VmssTelemetry.Name).AddSource(OrleansSources))
            .WithLogging();
        if (OtlpConfigured)
        {
            builder.UseOtlpExporter();
        }

        return builder;
    }
}
