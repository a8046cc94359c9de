using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;

namespace VmssGrains.Domain.Time;

/// <summary>ISO 8601 durations (<c>PT1M30S</c>) as Azure writes them in <c>pauseTimeBetweenBatches</c> and friends.</summary>
public static partial class IsoDuration
{
    /// <summary>
    /// The longest duration accepted anywhere a user gives one (scenario files, resources, the console):
    /// <c>P3650D</c>, ten years of 365 days. Every simulated time is a start plus such durations, so date
    /// arithmetic on the simulated calendar never overflows. Azure documents no maximum for these properties.
    /// </summary>
    public static readonly TimeSpan Maximum = TimeSpan.FromDays(3650);

    /// <summary><see cref="Maximum"/> as written in messages and the README: <c>P3650D</c>.</summary>
    public static string MaximumText => Format(Maximum);

    /// <summary>
    /// Parses an ISO 8601 duration; returns false for anything else, including negative values and values
    /// longer than <see cref="Maximum"/> (<see cref="IsBeyondMaximum"/> tells those apart).
    /// </summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        if (TryRead(text, out value, out var beyond) && !beyond)
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>True when <paramref name="text"/> is a well-formed ISO 8601 duration longer than <see cref="Maximum"/>.</summary>
    public static bool IsBeyondMaximum(string? text) => TryRead(text, out _, out var beyond) && beyond;

    /// <summary>The message for a duration longer than <see cref="Maximum"/>: <c>'P99999D' is longer than the maximum P3650D</c>.</summary>
    public static string BeyondMaximumMessage(string text) => $"'{text}' is longer than the maximum {MaximumText}";

    /// <summary>
    /// Parses an ISO 8601 duration or throws <see cref="FormatException"/> naming the text (and the maximum
    /// when it is longer than <see cref="Maximum"/>).
    /// </summary>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value) ? value
        : throw new FormatException(IsBeyondMaximum(text) ? BeyondMaximumMessage(text) : $"'{text}' is not an ISO 8601 duration such as PT5M");

    /// <summary>Formats like Azure: <c>PT0S</c>, <c>PT52M10S</c>, <c>PT1H</c>, <c>P1DT2H</c>; fractions of a second are kept to the millisecond.</summary>
    public static string Format(TimeSpan value)
    {
        if (value < TimeSpan.Zero)
        {
            return "-" + Format(value.Negate());
        }

        var text = new System.Text.StringBuilder("P");
        if (value.Days > 0)
        {
            text.Append(value.Days.ToString(CultureInfo.InvariantCulture)).Append('D');
        }

        var seconds = value.Seconds + (value.Milliseconds / 1000m);
        if (value.Hours > 0 || value.Minutes > 0 || seconds > 0 || value.Days == 0)
        {
            text.Append('T');
            if (value.Hours > 0)
            {
                text.Append(value.Hours.ToString(CultureInfo.InvariantCulture)).Append('H');
            }

            if (value.Minutes > 0)
            {
                text.Append(value.Minutes.ToString(CultureInfo.InvariantCulture)).Append('M');
            }

            if (seconds > 0 || (value.Hours == 0 && value.Minutes == 0))
            {
                text.Append(seconds.ToString("0.###", CultureInfo.InvariantCulture)).Append('S');
            }
        }

        return text.ToString();
    }

    /// <summary>The shape of an ISO 8601 duration with at least one part, whatever the size of its numbers.</summary>
    [GeneratedRegex(@"^[Pp](?=\d|[Tt]\d)(\d+[Yy])?(\d+[Mm])?(\d+[Dd])?([Tt](?=\d)(\d+[Hh])?(\d+[Mm])?(\d+(\.\d+)?[Ss])?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex WellFormed();

    /// <summary>Reads a non-negative ISO 8601 duration; <paramref name="beyond"/> when it is longer than <see cref="Maximum"/> (or than a <see cref="TimeSpan"/> holds).</summary>
    private static bool TryRead(string? text, out TimeSpan value, out bool beyond)
    {
        value = default;
        beyond = false;
        if (string.IsNullOrWhiteSpace(text) || text[0] is not ('P' or 'p'))
        {
            return false;
        }

        try
        {
            value = XmlConvert.ToTimeSpan(text.ToUpperInvariant());
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            // Well formed, but longer than a TimeSpan (P99999999D) or a number (P99999999999999999999D) holds.
            beyond = e is OverflowException || WellFormed().IsMatch(text);
            return beyond;
        }

        if (value < TimeSpan.Zero)
        {
            value = default;
            return false;
        }

        beyond = value > Maximum;
        return true;
    }
}
