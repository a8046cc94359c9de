using System.CommandLine;
using System.CommandLine.Invocation;

namespace VmssGrains.Client.Cli;

/// <summary>
/// <c>--help</c>: System.CommandLine's own help, followed by the table of exit codes for the root command and for
/// the verbs that wait (<c>simulate</c>, <c>watch</c>, and every verb with <c>--no-wait</c>).
/// </summary>
public sealed class ExitCodeHelpAction(SynchronousCommandLineAction help, RootCommand root) : SynchronousCommandLineAction
{
    /// <inheritdoc/>
    public override int Invoke(ParseResult parseResult)
    {
        var result = help.Invoke(parseResult);
        var command = parseResult.CommandResult.Command;
        if (ReferenceEquals(command, root) || Waits(command))
        {
            var output = parseResult.InvocationConfiguration.Output;
            output.WriteLine(ExitCodes.HelpText);
        }

        return result;
    }

    /// <summary>True for a verb that waits for simulated work to end, whose exit code says how it ended.</summary>
    public static bool Waits(Command command) =>
        command.Name is "simulate" or "watch" || command.Options.Any(o => o.Name == "--no-wait");
}
