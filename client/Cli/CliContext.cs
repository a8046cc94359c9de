using System.CommandLine;

namespace VmssGrains.Client.Cli;

/// <summary>What every command gets: where to write, and the global options' values.</summary>
public sealed class CliContext(TextWriter output, TextWriter error, ParseResult parse)
{
    /// <summary>Standard output.</summary>
    public TextWriter Out { get; } = output;

    /// <summary>Standard error.</summary>
    public TextWriter Error { get; } = error;

    /// <summary>The parse result of the command line.</summary>
    public ParseResult Parse { get; } = parse;

    /// <summary>json or table.</summary>
    public string OutputFormat => Parse.GetValue(GlobalOptions.Output) ?? "table";

    /// <summary>True for <c>--output json</c>.</summary>
    public bool Json => OutputFormat == "json";

    /// <summary>The value of an option.</summary>
    public T? Get<T>(Option<T> option) => Parse.GetValue(option);
}
