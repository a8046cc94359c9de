namespace VmssGrains.Silo;

/// <summary>
/// What the silo does on an error Orleans calls fatal, above all finding itself declared dead by the cluster (it
/// missed its liveness probes: paused by SIGSTOP, frozen, overloaded or cut off). Orleans' own handler writes a stack
/// trace and aborts the process (SIGABRT, exit 134); this one writes one line on standard error and stops the host,
/// so the process exits with <see cref="SiloRunner.Failure"/> and a supervisor (systemd, Kubernetes) starts it again
/// as a new silo. A dead silo cannot come back: the others have already moved its grains elsewhere.
/// </summary>
public sealed class SiloFatalErrorHandler(IHostApplicationLifetime lifetime, TextWriter error) : IFatalErrorHandler
{
    private int failed;

    /// <summary>The exit code once a fatal error stopped the silo; null before.</summary>
    public int? ExitCode => Volatile.Read(ref failed) == 0 ? null : SiloRunner.Failure;

    /// <inheritdoc/>
    public bool IsUnexpected(Exception exception) => true;

    /// <inheritdoc/>
    public void OnFatalException(object? sender = null, string? context = null, Exception? exception = null)
    {
        if (Interlocked.Exchange(ref failed, 1) != 0)
        {
            return;
        }

        error.WriteLine(Describe(context, exception));
        error.Flush();
        lifetime.StopApplication();
    }

    /// <summary>The one line written for a fatal error.</summary>
    public static string Describe(string? context, Exception? exception)
    {
        if (context?.Contains("I have been told I am dead", StringComparison.Ordinal) == true)
        {
            return "error: the cluster declared this silo dead (it missed its liveness probes: paused, overloaded or cut off); stopping: start it again to rejoin as a new silo";
        }

        var what = string.Join(' ', (context ?? "unknown").Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return exception is null ? $"error: fatal error in the silo: {what}; stopping" : $"error: fatal error in the silo: {what}: {exception.GetType().Name}: {exception.Message.Split('\n')[0].Trim()}; stopping";
    }
}
