namespace VmssGrains.Client.Cli;

/// <summary>A problem with what the user asked: one line on standard error and an exit code.</summary>
public sealed class CliException(string message, int exitCode = ExitCodes.Usage) : Exception(message)
{
    /// <summary>The process exit code.</summary>
    public int ExitCode { get; } = exitCode;
}

/// <summary>The exit codes of the console.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>A runtime failure: the cluster cannot be reached, an operation failed.</summary>
    public const int Failure = 1;

    /// <summary>Usage or validation: a bad flag, file, JSON path or value.</summary>
    public const int Usage = 2;

    /// <summary>Interrupted (Ctrl+C).</summary>
    public const int Interrupted = 130;
}
