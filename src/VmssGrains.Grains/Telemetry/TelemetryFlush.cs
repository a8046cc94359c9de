using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace VmssGrains.Grains.Telemetry;

/// <summary>
/// Exports what the host's OpenTelemetry providers hold when the application starts stopping, before the
/// silo deactivates its grains: observable instruments (the load balancers') are read while their grains
/// still report, and a short-lived process (simulate) delivers its metrics without waiting for an export
/// interval. Disposing the host flushes again whatever its shutdown recorded.
/// </summary>
internal sealed class TelemetryFlush(IHostApplicationLifetime lifetime, IServiceProvider services) : IHostedService
{
    /// <summary>How long each provider may take to export (wall milliseconds).</summary>
    private const int TimeoutMilliseconds = 5000;

    private CancellationTokenRegistration stopping;

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        stopping = lifetime.ApplicationStopping.Register(Flush);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        stopping.Dispose();
        return Task.CompletedTask;
    }

    private void Flush()
    {
        services.GetService<MeterProvider>()?.ForceFlush(TimeoutMilliseconds);
        services.GetService<TracerProvider>()?.ForceFlush(TimeoutMilliseconds);
        services.GetService<LoggerProvider>()?.ForceFlush(TimeoutMilliseconds);
    }
}
