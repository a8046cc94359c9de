using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VmssGrains.Grains.Hosting;

/// <summary>
/// Where an exception that nobody would see ends up: one thrown by a wake-up (a grain timer tick) or by a
/// one-way call. It is logged as an error (category <c>VmssGrains.Simulation</c>; on a multi-process cluster
/// that is all a remote driver can get) and recorded as the process's <see cref="SimulationMonitor.Fault"/>,
/// which fails an in-process driver's run at once.
/// </summary>
public static partial class SimulationFaults
{
    /// <summary>The log category of simulation faults.</summary>
    public const string Category = "VmssGrains.Simulation";

    /// <summary>Reports that <paramref name="what"/>, running in <paramref name="context"/>, threw <paramref name="error"/>.</summary>
    public static void Report(IGrainContext context, string what, Exception error)
    {
        var fault = new SimulationFaultException(what, error);
        var services = context.ActivationServices;
        if (services.GetService<ILoggerFactory>() is { } loggers)
        {
            Log(loggers.CreateLogger(Category), fault.Message, error);
        }

        services.GetService<SimulationMonitor>()?.Fail(fault);
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Error, Message = "{Fault}")]
    private static partial void Log(ILogger logger, string fault, Exception error);
}
