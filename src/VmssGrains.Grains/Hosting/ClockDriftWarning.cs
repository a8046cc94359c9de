using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace VmssGrains.Grains.Hosting;

/// <summary>Logs one warning when the host starts on a scaled clock fast enough that a busy silo falls behind (<see cref="Clock.ClockSpec.DriftWarning"/>).</summary>
internal sealed partial class ClockDriftWarning(SimulationHost host, ILoggerFactory loggers) : IHostedService
{
    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (host.Spec.DriftWarning is { } warning)
        {
            Log(loggers.CreateLogger(SimulationFaults.Category), warning);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Simulation:Clock: {Warning}")]
    private static partial void Log(ILogger logger, string warning);
}
