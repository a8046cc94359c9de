using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace VmssGrains.Domain.Azure;

/// <summary>A parsed ARM template language expression (the text between <c>[</c> and <c>]</c>).</summary>
internal abstract record ArmExpression
{
    /// <summary>True when <paramref name="text"/> is an expression: <c>[...]</c> but not the <c>[[</c> escape.</summary>
    public static bool IsExpression(string text) =>
        text.Length >= 2 && text[0] == '[' && text[^1] == ']' && !text.StartsWith("[[", StringComparison.Ordinal);

    /// <summary>A string value as the template means it: <c>[[x]</c> is the literal <c>[x]</c>.</summary>
    public static string Literal(string text) => text.StartsWith("[[", StringComparison.Ordinal) ? text[1..] : text;

    /// <summary>Parses the expression of a <c>[...]</c> string; <paramref name="path"/> names the value in errors.</summary>
    public static ArmExpression Parse(string text, string path)
    {
        var parser = new ArmExpressionParser(text[1..^1], path);
        return parser.ParseAll();
    }
}

/// <summary>A string, integer, boolean or null literal.</summary>
internal sealed record ArmLiteral(JsonNode? Value) : ArmExpression;

/// <summary>A function call such as <c>concat('a', variables('b'))</c>.</summary>
internal sealed record ArmCall(string Name, ImmutableArray<ArmExpression> Arguments) : ArmExpression;

/// <summary>Property or index access: <c>x.location</c>, <c>x['name']</c>, <c>x[0]</c>.</summary>
internal sealed record ArmAccess(ArmExpression Target, ArmExpression Key) : ArmExpression;

/// <summary>A recursive-descent parser of the ARM template expression grammar.</summary>
internal sealed class ArmExpressionParser(string text, string path)
{
    private int position;

    public ArmExpression ParseAll()
    {
        var expression = ParseExpression();
        SkipSpace();
        if (position < text.Length)
        {
            throw Error($"unexpected '{text[position]}' at position {position + 1}");
        }

        return expression;
    }

    private ArmExpression ParseExpression()
    {
        var expression = ParsePrimary();
        while (true)
        {
            SkipSpace();
            if (Peek('.'))
            {
                position++;
                SkipSpace();
                expression = new ArmAccess(expression, new ArmLiteral(JsonValue.Create(ReadIdentifier())));
            }
            else if (Peek('['))
            {
                position++;
                var key = ParseExpression();
                Expect(']');
                expression = new ArmAccess(expression, key);
            }
            else
            {
                return expression;
            }
        }
    }

    private ArmExpression ParsePrimary()
    {
        SkipSpace();
        if (position >= text.Length)
        {
            throw Error("the expression ends too early");
        }

        var c = text[position];
        if (c == '\'')
        {
            return new ArmLiteral(JsonValue.Create(ReadString()));
        }

        if (char.IsAsciiDigit(c) || c == '-')
        {
            return new ArmLiteral(ReadNumber());
        }

        var name = ReadIdentifier();
        SkipSpace();
        if (!Peek('('))
        {
            return name.ToLowerInvariant() switch
            {
                "true" => new ArmLiteral(JsonValue.Create(true)),
                "false" => new ArmLiteral(JsonValue.Create(false)),
                "null" => new ArmLiteral(null),
                _ => throw Error($"'{name}' is neither a literal nor a function call (a call needs parentheses)"),
            };
        }

        position++;
        var arguments = ImmutableArray.CreateBuilder<ArmExpression>();
        SkipSpace();
        if (Peek(')'))
        {
            position++;
            return new ArmCall(name, arguments.ToImmutable());
        }

        while (true)
        {
            arguments.Add(ParseExpression());
            SkipSpace();
            if (Peek(','))
            {
                position++;
                continue;
            }

            Expect(')');
            return new ArmCall(name, arguments.ToImmutable());
        }
    }

    private string ReadString()
    {
        var builder = new StringBuilder();
        position++;
        while (position < text.Length)
        {
            var c = text[position++];
            if (c != '\'')
            {
                builder.Append(c);
            }
            else if (Peek('\''))
            {
                builder.Append('\'');
                position++;
            }
            else
            {
                return builder.ToString();
            }
        }

        throw Error("a string literal is not closed (a quote inside a string is written '')");
    }

    private JsonNode ReadNumber()
    {
        var start = position;
        if (Peek('-'))
        {
            position++;
        }

        while (position < text.Length && char.IsAsciiDigit(text[position]))
        {
            position++;
        }

        var digits = text[start..position];
        return long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
            ? JsonValue.Create(value)
            : throw Error($"'{digits}' is not an integer");
    }

    private string ReadIdentifier()
    {
        var start = position;
        while (position < text.Length && (char.IsAsciiLetterOrDigit(text[position]) || text[position] == '_'))
        {
            position++;
        }

        return position > start
            ? text[start..position]
            : throw Error(position < text.Length ? $"unexpected '{text[position]}' at position {position + 1}" : "the expression ends too early");
    }

    private void Expect(char c)
    {
        SkipSpace();
        if (!Peek(c))
        {
            throw Error(position < text.Length ? $"expected '{c}' at position {position + 1}, found '{text[position]}'" : $"expected '{c}' but the expression ends");
        }

        position++;
    }

    private bool Peek(char c) => position < text.Length && text[position] == c;

    private void SkipSpace()
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }
    }

    private AzureDocumentException Error(string problem) => new(path, $"cannot parse the template expression '[{text}]': {problem}");
}
