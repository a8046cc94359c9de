using Spectre.Console;

namespace VmssGrains.Client.Rendering;

/// <summary>Spectre.Console writing to a given writer: colours and live views on a terminal, plain text otherwise.</summary>
public static class Terminal
{
    /// <summary>True when standard output is a terminal (not redirected), so live views can redraw.</summary>
    public static bool IsInteractive(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && TermCanRedraw;

    /// <summary>
    /// True when <paramref name="error"/> is the process's standard error and that is a terminal (not redirected),
    /// so live progress can redraw there; piped, captured or TERM=dumb, no progress is written at all.
    /// </summary>
    public static bool IsErrorInteractive(TextWriter error) =>
        ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected && TermCanRedraw;

    /// <summary>A console over <paramref name="output"/>.</summary>
    public static IAnsiConsole For(TextWriter output) => Create(output, IsInteractive(output));

    /// <summary>A console over standard error for live progress (interactive only when <see cref="IsErrorInteractive"/>).</summary>
    public static IAnsiConsole ForError(TextWriter error) => Create(error, IsErrorInteractive(error));

    private static bool TermCanRedraw => Environment.GetEnvironmentVariable("TERM") is not (null or "" or "dumb");

    private static IAnsiConsole Create(TextWriter writer, bool interactive)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = interactive ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = interactive ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = interactive ? InteractionSupport.Yes : InteractionSupport.No,
        });
        if (!interactive)
        {
            // Redirected output is read by scripts and logs: no wrapping at 80 columns.
            console.Profile.Width = 200;
        }

        return console;
    }
}
