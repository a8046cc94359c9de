using System.Diagnostics;
using System.Text.RegularExpressions;

namespace VmssGrains.Client.Tests;

/// <summary>
/// Runs a command on a pseudo-terminal with util-linux <c>script</c> (standard output and standard error both go to
/// it, as in a terminal window), 200 columns wide, <c>TERM=xterm</c>; returns what the terminal received.
/// </summary>
public static partial class Pty
{
    /// <summary>util-linux <c>script</c>, present on Debian (util-linux is essential).</summary>
    public const string Script = "/usr/bin/script";

    /// <summary>True when <see cref="Script"/> exists.</summary>
    public static bool Available => File.Exists(Script);

    /// <summary>Runs <c>dotnet {dll} {args}</c> on a terminal to the end: its exit code and everything the terminal received, escape sequences included.</summary>
    public static async Task<(int ExitCode, string Screen)> RunAsync(string dll, IEnumerable<string> args, CancellationToken cancellationToken)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var command = string.Join(' ', new[] { dotnet, dll }.Concat(args).Select(Quote));
        var info = new ProcessStartInfo(Script)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // -q quiet, -f flush at once, -e the command's exit code, -c the command; no typescript file.
        info.ArgumentList.Add("-qfec");
        info.ArgumentList.Add($"stty cols 200 rows 50; exec {command}");
        info.ArgumentList.Add("/dev/null");
        info.Environment["TERM"] = "xterm";
        using var process = Process.Start(info)!;
        var screen = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        Assert.True(await errors == "", $"script wrote to its standard error: {await errors}");
        return (process.ExitCode, await screen);
    }

    /// <summary>The text without terminal escape sequences (colours, cursor moves, erases) and carriage returns.</summary>
    public static string Plain(string screen) => Escapes().Replace(screen, "").Replace("\r", "", StringComparison.Ordinal);

    private static string Quote(string word) => $"'{word.Replace("'", "'\\''", StringComparison.Ordinal)}'";

    [GeneratedRegex(@"\x1B\[[0-?]*[ -/]*[@-~]|\x1B[=>]")]
    private static partial Regex Escapes();
}
