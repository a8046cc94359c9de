using System.Globalization;
using System.Text.Json;

namespace VmssGrains.Abstractions.Json;

/// <summary>How a JSON syntax error is reported to people: 1-based line and column, then the reason.</summary>
public static class JsonErrors
{
    /// <summary><c>not valid JSON at line 3, column 18: 'x' is an invalid start of a value.</c></summary>
    public static string Describe(JsonException error) =>
        string.Create(CultureInfo.InvariantCulture, $"not valid JSON at line {(error.LineNumber ?? 0) + 1}, column {(error.BytePositionInLine ?? 0) + 1}: {Reason(error)}");

    /// <summary>
    /// What System.Text.Json says is wrong, without the position it appends (" Path: ... | LineNumber: 0 |
    /// BytePositionInLine: 1."): that one counts from 0 and would contradict the 1-based line and column.
    /// </summary>
    private static string Reason(JsonException error)
    {
        var message = error.Message;
        foreach (var marker in new[] { " Path:", " LineNumber:" })
        {
            var at = message.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                message = message[..at];
            }
        }

        return Printable(message.Trim());
    }

    /// <summary>
    /// The reason quotes the offending input: its control characters are written as escapes (it stays one line and
    /// prints nothing a terminal would act on), and a long quote is cut.
    /// </summary>
    private static string Printable(string text)
    {
        const int longest = 240;
        var builder = new System.Text.StringBuilder(Math.Min(text.Length, longest + 16));
        foreach (var c in text)
        {
            if (builder.Length >= longest)
            {
                return builder.Append('…').ToString();
            }

            builder.Append(char.IsControl(c) ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}") : c.ToString());
        }

        return builder.ToString();
    }
}
