using System.Globalization;
using VmssGrains.Domain.Time;

namespace VmssGrains.Client.Cli;

/// <summary>A wall-time limit given on the command line (<c>watch --timeout</c>): seconds, or an ISO 8601 duration.</summary>
public static class WallTimeout
{
    /// <summary>The longest limit accepted: a week of wall time, the longest a scenario may run.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(7);

    /// <summary>Parses <c>90</c>, <c>2.5</c> (wall seconds) or <c>PT1M30S</c> (ISO 8601); the limit must be more than 0 and at most <see cref="Max"/>.</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
        {
            if (!(seconds > 0) || seconds > Max.TotalSeconds)
            {
                return false;
            }

            value = TimeSpan.FromSeconds(seconds);
            return true;
        }

        if (IsoDuration.TryParse(text, out var duration) && duration > TimeSpan.Zero && duration <= Max)
        {
            value = duration;
            return true;
        }

        return false;
    }
}
