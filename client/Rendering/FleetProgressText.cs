using System.Globalization;

namespace VmssGrains.Client.Rendering;

/// <summary>
/// The fleet's progress on one line, e.g. <c>412,000 instance operations ended, 180,000 under way · simulated PT12M30S ·
/// 15,300/s · 34 s wall</c>: counts with thousands separators, simulated time as the report prints it (whole seconds),
/// the rate in operations per wall second (<see cref="Rate"/>), wall time in whole seconds (truncated).
/// </summary>
public static class FleetProgressText
{
    /// <summary>The prefix of a plain progress line (standard error not a terminal).</summary>
    public const string Plain = "progress: ";

    /// <summary>The prefix of the plain line written when the scenario ended.</summary>
    public const string Done = "progress: done · ";

    /// <summary>
    /// The fleet line: <paramref name="counters"/> counted in <paramref name="noun"/>, the rate (per wall second; over the
    /// last interval, or <c>on average</c> over the whole run when <paramref name="average"/>) and the wall time.
    /// </summary>
    public static string Line(FleetCounters counters, string noun, double rate, TimeSpan wall, bool average = false) => string.Create(
        CultureInfo.InvariantCulture,
        $"{counters.Ended:N0} {noun} ended, {counters.UnderWay:N0} under way · {ProgressText.Simulated(counters.Simulated)} · {Rate(rate)}{(average ? " on average" : "")} · {Math.Floor(Math.Max(wall.TotalSeconds, 0)):0} s wall");

    /// <summary>
    /// A rate per wall second, rounded half away from zero: below 10 to a tenth (<c>0.4/s</c>, <c>3/s</c>; a slow run
    /// is not shown as stopped), else to a whole number (<c>15,300/s</c>). Never negative.
    /// </summary>
    public static string Rate(double perSecond)
    {
        var rate = Math.Max(perSecond, 0);
        var tenths = Math.Round(rate, 1, MidpointRounding.AwayFromZero);
        return tenths < 10
            ? string.Create(CultureInfo.InvariantCulture, $"{tenths:0.#}/s")
            : string.Create(CultureInfo.InvariantCulture, $"{(long)Math.Round(rate, MidpointRounding.AwayFromZero):N0}/s");
    }
}
