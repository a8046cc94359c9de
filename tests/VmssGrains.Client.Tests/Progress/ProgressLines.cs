using System.Globalization;
using System.Text.RegularExpressions;

namespace VmssGrains.Client.Tests.Progress;

/// <summary>The shapes of <c>simulate</c>'s plain progress lines on a redirected standard error.</summary>
public static partial class ProgressLines
{
    /// <summary>A line every 5 wall seconds: <c>ended</c>, <c>underWay</c>, <c>simulated</c>, <c>wall</c>.</summary>
    [GeneratedRegex(@"^progress: (?<ended>[\d,]+) instance operations ended, (?<underWay>[\d,]+) under way · simulated (?<simulated>P\S+) · [\d,.]+/s · (?<wall>\d+) s wall$")]
    public static partial Regex Periodic();

    /// <summary>The last line, when the scenario ended: <c>ended</c>, <c>underWay</c>, <c>simulated</c>, <c>wall</c>.</summary>
    [GeneratedRegex(@"^progress: done · (?<ended>[\d,]+) instance operations ended, (?<underWay>[\d,]+) under way · simulated (?<simulated>P\S+) · [\d,.]+/s on average · (?<wall>\d+) s wall$")]
    public static partial Regex Done();

    /// <summary>
    /// The last line of <paramref name="err"/>, asserted to be the <see cref="Done"/> line, every line before it a
    /// <see cref="Periodic"/> one written after the 5 s grace (a run on a loaded machine can take that long).
    /// </summary>
    public static Match Last(string err)
    {
        var lines = err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines[..^1], l => Assert.True(Periodic().Match(l) is { Success: true } m && m.Count("wall") >= 5, err));
        var done = Done().Match(lines[^1]);
        Assert.True(done.Success, err);
        return done;
    }

    /// <summary>A group's count, thousands separators removed.</summary>
    public static long Count(this Match match, string group) => long.Parse(match.Groups[group].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture);
}
