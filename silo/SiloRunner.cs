using Microsoft.Extensions.Options;

namespace VmssGrains.Silo;

/// <summary>
/// Starts the silo and runs it until Ctrl+C or SIGTERM (a graceful stop, exit 0). A start that fails ends with one
/// line on standard error and no stack trace: an invalid setting exits 2, a runtime failure (a port in use, a
/// listener or a cluster join that failed) exits 1, a start cut short by Ctrl+C or SIGTERM exits 130.
/// </summary>
public static class SiloRunner
{
    /// <summary>Exit code of a setting that does not validate.</summary>
    public const int InvalidSetting = 2;

    /// <summary>Exit code of a start that failed for any other reason.</summary>
    public const int Failure = 1;

    /// <summary>Exit code of a start interrupted by Ctrl+C or SIGTERM.</summary>
    public const int Interrupted = 130;

    /// <summary>Runs <paramref name="app"/>; returns the process's exit code.</summary>
    public static async Task<int> RunAsync(WebApplication app, SiloSettings settings, TextWriter error)
    {
        try
        {
            // The checks StartAsync would make, first and quietly: the host logs a failed start with its stack trace.
            app.Services.GetService<IStartupValidator>()?.Validate();
            if (PortProbe.FirstInUse(settings) is { } inUse)
            {
                await error.WriteLineAsync($"error: {inUse}");
                return Failure;
            }

            if (await RedisProbe.ProblemAsync(settings) is { } unreachable)
            {
                await error.WriteLineAsync($"error: {unreachable}");
                return Failure;
            }

            ShutdownWatchdog.Arm(app.Lifetime, error);

            await app.StartAsync();
        }
        catch (Exception) when (app.Services.GetService<SiloFatalErrorHandler>()?.ExitCode is { } fatal)
        {
            // Declared dead (or another fatal error) before the start finished: the handler wrote the one line.
            await StopQuietlyAsync(app);
            return fatal;
        }
        catch (Exception e) when (Invalid(e) is { Count: > 0 } failures)
        {
            await error.WriteLineAsync($"error: {string.Join("; ", failures)}");
            return InvalidSetting;
        }
        catch (OperationCanceledException) when (app.Lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // Ctrl+C or SIGTERM while starting (a silo waiting for its primary, say).
            await error.WriteLineAsync("error: interrupted");
            await StopQuietlyAsync(app);
            return Interrupted;
        }
        catch (Exception e)
        {
            await error.WriteLineAsync($"error: the silo did not start: {Innermost(e)}");
            await StopQuietlyAsync(app);
            return Failure;
        }

        await app.WaitForShutdownAsync();

        // Declared dead by the cluster, or another fatal error: the handler wrote its line and stopped the host.
        return app.Services.GetService<SiloFatalErrorHandler>()?.ExitCode ?? 0;
    }

    /// <summary>The failures of options validation in <paramref name="e"/> (one exception, or several aggregated).</summary>
    private static List<string> Invalid(Exception e) => e switch
    {
        OptionsValidationException o => [.. o.Failures],
        AggregateException a => [.. a.InnerExceptions.SelectMany(Invalid)],
        _ => [],
    };

    private static string Innermost(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }

        return string.Join(' ', e.Message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    /// <summary>Stops what did start (a silo that joined the cluster leaves it), giving up after 10 s.</summary>
    private static async Task StopQuietlyAsync(WebApplication app)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await app.StopAsync(timeout.Token);
        }
        catch (Exception)
        {
            // The start's failure is what the user gets told; a failed stop of a half-started host adds nothing.
        }
    }
}
