using System.Globalization;
using System.Xml;

namespace VmssGrains.Domain.Time;

/// <summary>ISO 8601 durations (<c>PT1M30S</c>) as Azure writes them in <c>pauseTimeBetweenBatches</c> and friends.</summary>
public static class IsoDuration
{
    /// <summary>Parses an ISO 8601 duration; returns false for anything else (including negative values).</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text) || text[0] is not ('P' or 'p'))
        {
            return false;
        }

        try
        {
            value = XmlConvert.ToTimeSpan(text.ToUpperInvariant());
            return value >= TimeSpan.Zero;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (OverflowException)
        {
            return false;
        }
    }

    /// <summary>Parses an ISO 8601 duration or throws <see cref="FormatException"/> naming the text.</summary>
    public static TimeSpan Parse(string text) =>
        TryParse(text, out var value) ? value : throw new FormatException($"'{text}' is not an ISO 8601 duration such as PT5M");

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
}
