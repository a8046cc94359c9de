using System.Runtime.InteropServices;

namespace VmssGrains.Client.Cli;

/// <summary>
/// The console process's SIGINT (Ctrl+C) and SIGTERM. The first one cancels <see cref="Token"/>, the running command's
/// cancellation: the command stops waiting (simulated time, wall-time polls, grain calls), disposes the hosts it
/// created, and <see cref="CliApp.Guard"/> ends it with <c>error: interrupted</c> and exit 130, whichever of the two
/// signals came. A second signal while the command is still stopping is not held back: the runtime's default
/// action ends the process at once.
/// </summary>
/// <remarks>
/// System.CommandLine 2.0 handles no signal unless <c>InvocationConfiguration.ProcessTerminationTimeout</c> is set,
/// and then it ends a slow command with its own exit code (143 for SIGTERM) before the command has cleaned up; the
/// hosts the commands create take no signal (<see cref="Simulation.Driving.CommandHostLifetime"/>). So the console
/// registers here, once, at the start of the process.
/// </remarks>
public sealed class ConsoleInterrupt : IDisposable
{
    private readonly CancellationTokenSource source = new();
    private readonly PosixSignalRegistration[] registrations;
    private int signals;

    /// <summary>Registers for SIGINT and SIGTERM.</summary>
    public ConsoleInterrupt()
    {
        registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)];
    }

    /// <summary>Cancelled by the first SIGINT or SIGTERM.</summary>
    public CancellationToken Token => source.Token;

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (var registration in registrations)
        {
            registration.Dispose();
        }

        source.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        if (Interlocked.Increment(ref signals) > 1)
        {
            return;
        }

        // Kept from its default action; the callbacks run on the thread pool, not on the runtime's signal thread,
        // and whatever one of them throws stays in the returned task.
        context.Cancel = true;
        _ = source.CancelAsync();
    }
}
