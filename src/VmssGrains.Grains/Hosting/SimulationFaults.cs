using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace VmssGrains.Grains.Hosting;

/// <summary>
/// Where an exception that nobody would see ends up: one thrown by a wake-up (a grain timer tick) or by a
/// one-way call. It is recorded as the process's <see cref="SimulationMonitor.Fault"/>, which fails an
/// in-process driver's run at once, and logged (category <c>VmssGrains.Simulation</c>) as an error with the
/// exception — on a multi-process cluster that is all a remote driver can get — or, when an in-process
/// driver reports it itself (<see cref="SimulationMonitor.Watched"/>), at Information without the stack.
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
        var monitor = services.GetService<SimulationMonitor>();
        if (services.GetService<ILoggerFactory>() is { } loggers)
        {
            var logger = loggers.CreateLogger(Category);
            if (monitor?.Watched == true)
            {
                Reported(logger, fault.Message);
            }
            else
            {
                Unreported(logger, fault.Message, error);
            }
        }

        monitor?.Fail(fault);
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Error, Message = "{Fault}")]
    private static partial void Unreported(ILogger logger, string fault, Exception error);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "{Fault} (the driver reports it)")]
    private static partial void Reported(ILogger logger, string fault);
}
