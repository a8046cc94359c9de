using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using VmssGrains.Grains.Clock;
using VmssGrains.Grains.Hosting;
using VmssGrains.Grains.Telemetry;

namespace VmssGrains.Simulation.Driving;

/// <summary>
/// A silo hosted in this process for <c>simulate</c> without <c>--cluster</c>: localhost clustering on free
/// loopback ports, memory storage, the chosen clock (virtual by default, driven by the scenario).
/// </summary>
public sealed class EmbeddedCluster : IAsyncDisposable
{
    private readonly IHost host;

    private EmbeddedCluster(IHost host, SimulationHost simulation)
    {
        this.host = host;
        Simulation = simulation;
        Grains = host.Services.GetRequiredService<IGrainFactory>();
    }

    /// <summary>The shared clock and monitor.</summary>
    public SimulationHost Simulation { get; }

    /// <summary>The silo's grain factory.</summary>
    public IGrainFactory Grains { get; }

    /// <summary>The clock a scenario driver uses with this silo.</summary>
    public IScenarioClock ScenarioClock => Simulation.VirtualClock is { } clock
        ? new VirtualScenarioClock(clock, Simulation.Monitor)
        : new WallScenarioClock(_ => Task.FromResult(Simulation.Clock.GetUtcNow()), Simulation.Spec.Kind == ClockKind.Scaled ? Simulation.Spec.Scale : 1, _ => Task.FromResult(Simulation.Monitor.IsSettled), () => Simulation.Monitor.SettledAt);

    /// <summary>Starts the silo.</summary>
    /// <param name="clock">The clock.</param>
    /// <param name="minimumLogLevel">The level of the logs written to standard error (exported logs, when OTLP is configured, start at Information).</param>
    /// <param name="cancellationToken">The command's cancellation: stops the start, and from then on the silo logs nothing to standard error.</param>
    public static async Task<EmbeddedCluster> StartAsync(ClockSpec clock, LogLevel minimumLogLevel = LogLevel.Error, CancellationToken cancellationToken = default)
    {
        var simulation = SimulationHost.Create(clock);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        CommandHostLifetime.Use(builder.Services);
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);

        // Once the command is interrupted the silo is torn down mid-work: what that logs (calls to grains already
        // stopped, a start cut short) is not the user's concern, and standard error gets only `error: interrupted`.
        builder.Logging.AddFilter<ConsoleLoggerProvider>((_, level) => level >= minimumLogLevel && !cancellationToken.IsCancellationRequested);
        if (TelemetryExtensions.OtlpConfigured)
        {
            builder.Logging.FilterExportedLogs();
            builder.AddVmssTelemetry("vmss-simulate");
        }

        builder.UseOrleans(silo => silo
            .UseLocalhostClustering(siloPort: FreePort(), gatewayPort: FreePort())
            .AddVmssGrains(simulation));
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Exception e)
        {
            // Interrupted (or failed) while starting: stop what started, so the process can end. The start's
            // failure is the one to report.
            try
            {
                await StopAsync(host, simulation);
            }
            catch (Exception)
            {
                // Orleans refuses to stop a silo that never ran (InvalidOperationException); ignored like any stop failure here.
            }

            // Orleans reports a start cancelled mid-lifecycle as an OrleansLifecycleCanceledException, not a cancellation.
            if (cancellationToken.IsCancellationRequested && e is not OperationCanceledException)
            {
                throw new OperationCanceledException("the silo's start was interrupted", e, cancellationToken);
            }

            throw;
        }

        return new EmbeddedCluster(host, simulation);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => new(StopAsync(host, Simulation));

    /// <summary>Stops the silo (at most 10 s of wall time, then it is abandoned) and disposes it and its clock.</summary>
    private static async Task StopAsync(IHost host, SimulationHost simulation)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await host.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            host.Dispose();
            simulation.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
