using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace VmssGrains.Simulation.Driving;

/// <summary>
/// The lifetime of a host a console command creates and disposes itself (<c>simulate</c>'s embedded silo, a verb's
/// cluster client): it takes no process signal. The default <c>ConsoleLifetime</c> registers for SIGINT, SIGQUIT and
/// SIGTERM, cancels their default action and only asks the host to stop; a command never waits for that, so the
/// signal was swallowed and only SIGKILL ended the process. The console's entry point owns the signals and cancels
/// the command, which stops and disposes its hosts on the way out.
/// </summary>
public sealed class CommandHostLifetime : IHostLifetime
{
    /// <summary>Replaces the host's lifetime with this one.</summary>
    public static void Use(IServiceCollection services) => services.AddSingleton<IHostLifetime, CommandHostLifetime>();

    /// <inheritdoc/>
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc/>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
