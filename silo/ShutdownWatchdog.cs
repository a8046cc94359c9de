using System.Diagnostics;
using System.Runtime.InteropServices;

namespace VmssGrains.Silo;

/// <summary>
/// Bounds the silo's stop. Orleans' stop does not always honour the host's shutdown timeout: with its Redis store
/// gone, a silo retries writing "shutting down" to the membership table for a minute and then waits on the store
/// again. Once a stop begins (SIGTERM, Ctrl+C, or the silo declared dead), the watchdog gives it
/// <see cref="ShutdownTimeout"/> plus a second; a silo still stopping then writes one line on standard error and
/// ends at once with <see cref="SiloRunner.Failure"/>, without the clean leave (the others declare it dead as they
/// would a killed silo).
/// </summary>
public static class ShutdownWatchdog
{
    /// <summary>How long a graceful stop may take (the host's <c>HostOptions.ShutdownTimeout</c>), wall time.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Arms the watchdog: it starts counting when <paramref name="lifetime"/> begins stopping.</summary>
    public static void Arm(IHostApplicationLifetime lifetime, TextWriter error)
    {
        lifetime.ApplicationStopping.Register(() => _ = ExpireAsync(lifetime, error));
    }

    private static async Task ExpireAsync(IHostApplicationLifetime lifetime, TextWriter error)
    {
        var limit = ShutdownTimeout + TimeSpan.FromSeconds(1);
        var clock = Stopwatch.StartNew();
        try
        {
            // Measured on a stopwatch: a timer set just after the process resumed from SIGSTOP can fire early.
            while (clock.Elapsed < limit)
            {
                await Task.Delay(limit - clock.Elapsed, lifetime.ApplicationStopped);
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        await error.WriteLineAsync($"error: the silo did not stop within {limit.TotalSeconds:0} s (is its store reachable?); exiting without leaving the cluster cleanly");
        await error.FlushAsync();
        await Console.Out.FlushAsync();
        Terminate(SiloRunner.Failure);
    }

    /// <summary>Ends the process now: <c>Environment.Exit</c> would wait for the stuck host to stop, and then exit 0.</summary>
    private static void Terminate(int exitCode)
    {
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
        {
            ImmediateExit(exitCode);
        }

        Environment.FailFast("the silo did not stop within its shutdown timeout");
    }

    [DllImport("libc", EntryPoint = "_exit")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code for a call that takes one int.
    private static extern void ImmediateExit(int status);
#pragma warning restore SYSLIB1054
}
