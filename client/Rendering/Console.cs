using Spectre.Console;

namespace VmssGrains.Client.Rendering;

/// <summary>Spectre.Console writing to a given writer: colours and live views on a terminal, plain text otherwise.</summary>
public static class Terminal
{
    /// <summary>True when standard output is a terminal (not redirected), so live views can redraw.</summary>
    public static bool IsInteractive(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb");

    /// <summary>A console over <paramref name="output"/>.</summary>
    public static IAnsiConsole For(TextWriter output)
    {
        var interactive = IsInteractive(output);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
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
