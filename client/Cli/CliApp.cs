using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using VmssGrains.Client.Commands;
using VmssGrains.Domain;

namespace VmssGrains.Client.Cli;

/// <summary>
/// The command tree, parse errors as usage errors (exit 2), and one line on standard error for every failure;
/// the exit codes are those of <see cref="ExitCodes"/>, Azure's error codes mapped by <see cref="AzureErrorCodes"/>.
/// </summary>
public static class CliApp
{
    /// <summary>Runs the console with <paramref name="args"/>; returns the exit code (130 once <paramref name="cancellationToken"/> interrupted the command).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = Build(output, error);
        var parse = root.Parse(args);

        // --help wins over the errors of an incomplete command line (`watch --help` without --name).
        if (parse.Errors.Count > 0 && parse.Action is not (ExitCodeHelpAction or HelpAction))
        {
            await error.WriteLineAsync($"error: {OneLine(OptionValues.SwitchProblem(parse) ?? Describe(parse.Errors[0]))} (see --help)");
            return ExitCodes.Usage;
        }

        // csv is compare's alone: every other verb prints tables or JSON.
        if (parse.Errors.Count == 0 && parse.GetValue(GlobalOptions.Output) == "csv" && parse.CommandResult.Command.Name != "compare")
        {
            await error.WriteLineAsync($"error: --output csv is for compare only; use table or json (see --help)");
            return ExitCodes.Usage;
        }

        // Every host the console makes would export to these; the exporter ignores bad values silently.
        if (parse.Action is not (ExitCodeHelpAction or HelpAction)
            && Grains.Telemetry.TelemetryExtensions.OtlpSettingsProblem(Environment.GetEnvironmentVariable) is { } badTelemetry)
        {
            await error.WriteLineAsync($"error: {badTelemetry}");
            return ExitCodes.Usage;
        }

        // No ProcessTerminationTimeout: the caller owns the process's signals and cancels cancellationToken
        // (ConsoleInterrupt); System.CommandLine's own handler would end a command before it stopped its hosts.
        var configuration = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
        return await parse.InvokeAsync(configuration, cancellationToken);
    }

    /// <summary>The root command with every verb.</summary>
    public static RootCommand Build(TextWriter output, TextWriter error)
    {
        var root = new RootCommand("vmss: drive simulated Azure VM Scale Set upgrades on a VmssGrains cluster, or simulate a whole scenario");
        root.Options.Add(GlobalOptions.Cluster);
        root.Options.Add(GlobalOptions.ClusterId);
        root.Options.Add(GlobalOptions.TlsCertificate);
        root.Options.Add(GlobalOptions.Output);
        root.Options.Add(GlobalOptions.ResourceGroup);
        root.Subcommands.Add(SimulateCommand.Create(output, error));
        root.Subcommands.Add(WhatIfCommand.Create(output, error));
        root.Subcommands.Add(PlanCommand.Create(output, error));
        root.Subcommands.Add(CompareCommand.Create(output, error));
        foreach (var command in ScaleSetCommands.Create(output, error))
        {
            root.Subcommands.Add(command);
        }

        // The root's help option is recursive: one wrapper prints the exit codes after the help of the root and of the verbs that wait.
        var help = root.Options.OfType<HelpOption>().Single();
        if (help.Action is SynchronousCommandLineAction helpAction)
        {
            help.Action = new ExitCodeHelpAction(helpAction, root);
        }

        return root;
    }

    /// <summary>Runs a command body, turning every failure into one line on standard error and an exit code.</summary>
    public static async Task<int> Guard(CliContext context, Func<CliContext, Task<int>> body)
    {
        try
        {
            CommandScope.Current = context;
            return await body(context);
        }
        catch (CliException e)
        {
            await context.Error.WriteLineAsync($"error: {OneLine(e.Message)}");
            return e.ExitCode;
        }
        catch (AzureException e)
        {
            await context.Error.WriteLineAsync($"error: ({e.Code}) {OneLine(e.Message)}");
            return AzureErrorCodes.ExitCode(e.Code);
        }
        catch (OperationCanceledException)
        {
            await context.Error.WriteLineAsync("error: interrupted");
            return ExitCodes.Interrupted;
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            await context.Error.WriteLineAsync($"error: the cluster failed: {e.Message.Split('\n')[0].Trim()}");
            return ExitCodes.Failure;
        }
        catch (Exception e)
        {
            // Anything else a grain or the console throws is still one line, never a stack trace.
            await context.Error.WriteLineAsync($"error: {e.GetType().Name}: {e.Message.Split('\n')[0].Trim()}");
            return ExitCodes.Failure;
        }
    }

    /// <summary>
    /// A parse error on one line, naming the option it is about: System.CommandLine's own messages for a value
    /// outside <c>AcceptOnlyFromAmong</c> span several lines and do not say which option they mean.
    /// </summary>
    private static string Describe(ParseError parseError)
    {
        var message = OneLine(parseError.Message);
        var (option, tokens) = parseError.SymbolResult switch
        {
            OptionResult o => (o.Option, o.Tokens),
            ArgumentResult { Parent: OptionResult o } a => (o.Option, a.Tokens),
            _ => (null, (IReadOnlyList<Token>)[]),
        };
        if (option is not null && OptionValues.ConversionProblem(option, tokens, message) is { } conversion)
        {
            return OneLine(conversion);
        }

        return option is null || message.Contains(option.Name, StringComparison.Ordinal) ? message : $"{option.Name}: {message}";
    }

    /// <summary>
    /// Folds a message onto one line: standard error gets exactly one line per failure. Any other control character
    /// (a name's escape sequence, a bell) is written as <c>\uXXXX</c>: nothing the user typed drives the terminal.
    /// </summary>
    private static string OneLine(string message) =>
        Domain.Naming.AzureNames.Quote(string.Join(' ', message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));
}
