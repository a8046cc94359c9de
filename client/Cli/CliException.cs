namespace VmssGrains.Client.Cli;

/// <summary>A problem with what the user asked: one line on standard error and an exit code.</summary>
public sealed class CliException(string message, int exitCode = ExitCodes.Usage) : Exception(message)
{
    /// <summary>The process exit code.</summary>
    public int ExitCode { get; } = exitCode;
}

/// <summary>The exit codes of the console (the table <c>--help</c> and the README print).</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>
    /// A runtime failure: the cluster cannot be reached, an operation was refused (<c>Conflict</c>,
    /// <c>OperationNotAllowed</c>) or failed, <c>watch --timeout</c> elapsed.
    /// </summary>
    public const int Failure = 1;

    /// <summary>Usage or validation: a bad flag, file, JSON path, range, an unknown scale set or instance id.</summary>
    public const int Usage = 2;

    /// <summary>
    /// The simulated run that was waited for did not complete: it ended Faulted, Cancelled or Failed (any code but
    /// Completed) for <c>watch --until-settled</c>, or a run or instance matched <c>simulate --fail-on</c>.
    /// </summary>
    public const int RunFailed = 3;

    /// <summary>Interrupted (Ctrl+C).</summary>
    public const int Interrupted = 130;

    /// <summary>The table of exit codes, as <c>--help</c> prints it after the options.</summary>
    public const string HelpText = """
        Exit codes:
          0    success
          1    runtime failure: the cluster cannot be reached, an operation was refused (Conflict,
               OperationNotAllowed) or failed, watch --timeout elapsed
          2    usage or validation: a bad flag, file, JSON path or range, an unknown scale set or instance id,
               a reference to an image, version or load balancer that does not exist
          3    the simulated run waited for did not complete: watch --until-settled (its run ended Faulted,
               Cancelled or Failed), simulate --fail-on (a run or instance matched)
          130  interrupted (Ctrl+C)
        """;
}
