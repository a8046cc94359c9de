using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace VmssGrains.Client.Cli;

/// <summary>
/// Parse errors of typed options in the user's words: System.CommandLine says a value cannot be parsed "as expected
/// type 'System.Nullable`1[System.Int64]'"; the console says <c>--seed: 'abc' is not an integer</c>.
/// </summary>
public static class OptionValues
{
    /// <summary>
    /// The message for a value of <paramref name="option"/> that System.CommandLine could not convert (its
    /// <paramref name="message"/> names the option's .NET type), or null for any other parse error.
    /// </summary>
    public static string? ConversionProblem(Option option, IReadOnlyList<Token> tokens, string message)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(message);
        var type = ElementType(option.ValueType);
        if (type == typeof(string) || !(message.Contains(option.ValueType.ToString(), StringComparison.Ordinal) || message.Contains(type.ToString(), StringComparison.Ordinal)))
        {
            return null;
        }

        var bad = tokens.FirstOrDefault(t => !Converts(t.Value, type))?.Value ?? (tokens.Count > 0 ? tokens[0].Value : "");
        return $"{option.Name}: '{bad}' is not {Expected(type)}";
    }

    /// <summary>
    /// The message for a switch (a <c>bool</c> option) given a value that is not true or false: System.CommandLine leaves
    /// such a value unmatched (<c>--heal=maybe</c>, or <c>--heal maybe</c>) and calls it an unrecognized argument. Null
    /// when no unmatched token is such a value.
    /// </summary>
    public static string? SwitchProblem(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var switches = parse.CommandResult.Command.Options.Concat(parse.RootCommandResult.Command.Options)
            .Where(o => ElementType(o.ValueType) == typeof(bool) && o is not (System.CommandLine.Help.HelpOption or VersionOption))
            .ToList();
        foreach (var unmatched in parse.UnmatchedTokens)
        {
            foreach (var option in switches)
            {
                foreach (var name in option.Aliases.Prepend(option.Name))
                {
                    if (unmatched.Length > name.Length + 1 && unmatched.StartsWith(name, StringComparison.Ordinal) && unmatched[name.Length] is '=' or ':')
                    {
                        return $"{option.Name}: '{unmatched[(name.Length + 1)..]}' is not true or false";
                    }
                }
            }

            var index = parse.Tokens.ToList().FindIndex(t => t.Value == unmatched);
            if (index > 0 && switches.FirstOrDefault(o => o.Name == parse.Tokens[index - 1].Value || o.Aliases.Contains(parse.Tokens[index - 1].Value)) is { } previous)
            {
                return $"{previous.Name}: '{unmatched}' is not true or false";
            }
        }

        return null;
    }

    /// <summary>What a value of <paramref name="type"/> is, in words: <c>an integer</c>, <c>a number</c>, <c>true or false</c>.</summary>
    public static string Expected(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        type = ElementType(type);
        return type == typeof(int) ? string.Create(CultureInfo.InvariantCulture, $"an integer in {int.MinValue}–{int.MaxValue}")
            : type == typeof(long) ? "an integer"
            : type == typeof(double) ? "a number"
            : type == typeof(bool) ? "true or false"
            : type == typeof(FileInfo) ? "a file path"
            : $"a value of type {type.Name}";
    }

    /// <summary>The type of one value: <c>int</c> for <c>int?</c> and <c>int[]</c>.</summary>
    public static Type ElementType(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var element = type.IsArray ? type.GetElementType()! : type;
        return Nullable.GetUnderlyingType(element) ?? element;
    }

    private static bool Converts(string text, Type type) =>
        type == typeof(int) ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
        : type == typeof(long) ? long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
        : type == typeof(double) ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
        : type == typeof(bool) ? bool.TryParse(text, out _)
        : type != typeof(FileInfo) || text.Length > 0;
}
