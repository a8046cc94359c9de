using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace VmssGrains.Grains.Clock;

/// <summary>
/// A clock choice as written on the command line (<c>simulate --clock</c>) or in configuration
/// (<c>Simulation:Clock</c>): <c>virtual</c>, <c>scaled:N</c> or <c>real</c>. N, in simulated seconds per wall
/// second, lies in <see cref="MinScale"/>–<see cref="MaxScale"/>; above <see cref="DriftScale"/> the timeline
/// is known to drift late (<see cref="DriftWarning"/>).
/// </summary>
public sealed record ClockSpec(ClockKind Kind, double Scale = 1)
{
    /// <summary>The slowest scale: 0.01 (a simulated second every 100 wall seconds).</summary>
    public const double MinScale = 0.01;

    /// <summary>
    /// The fastest scale: 1000. Measured on this project's 2-core machine, the 6-VM demo's upgrade (PT24M21S on
    /// the virtual clock) ended 13–19 % late at scaled:1000, 36–54 % at 3000 and took 2–3 times as long at
    /// 10,000: timer lateness of a few wall milliseconds per step becomes minutes of simulated time.
    /// </summary>
    public const double MaxScale = 1000;

    /// <summary>The fastest scale the timeline keeps up with: 100 (the demo ended 1–2 % late; at 10, 0.1 %).</summary>
    public const double DriftScale = 100;

    /// <summary>The default of the embedded silo and the tests.</summary>
    public static ClockSpec Virtual { get; } = new(ClockKind.Virtual);

    /// <summary>What a clock may be, as messages say it.</summary>
    public static string Expected { get; } = string.Create(CultureInfo.InvariantCulture, $"use virtual, scaled:N (N from {MinScale} to {MaxScale} simulated seconds per wall second) or real");

    /// <summary>
    /// One line when the scale is above <see cref="DriftScale"/>: the timeline will come out late. Null otherwise.
    /// </summary>
    public string? DriftWarning => Kind == ClockKind.Scaled && Scale > DriftScale
        ? string.Create(CultureInfo.InvariantCulture, $"{this} is faster than scaled:{DriftScale}: the timeline cannot keep up and simulated times come out late (on a 2-core machine the 6-VM demo ends 13–19 % late at scaled:{MaxScale}); use virtual for an exact timeline")
        : null;

    /// <summary>Parses <c>virtual</c>, <c>real</c> or <c>scaled:N</c> (N in <see cref="MinScale"/>–<see cref="MaxScale"/>).</summary>
    public static bool TryParse(string? text, out ClockSpec spec) => TryParse(text, out spec, out _);

    /// <summary>
    /// Parses like <see cref="TryParse(string?, out ClockSpec)"/>; on failure <paramref name="error"/> says why
    /// (without naming the option, which the caller adds): <c>'fast' is not a clock; use virtual, scaled:N (N
    /// from 0.01 to 1000 simulated seconds per wall second) or real</c>, or <c>scaled:1e6 is out of range: N
    /// must be from 0.01 to 1000 simulated seconds per wall second</c>.
    /// </summary>
    public static bool TryParse(string? text, out ClockSpec spec, [NotNullWhen(false)] out string? error)
    {
        spec = Virtual;
        error = null;
        var value = text?.Trim().ToLowerInvariant();
        switch (value)
        {
            case "virtual":
                return true;
            case "real":
                spec = new ClockSpec(ClockKind.Real);
                return true;
        }

        if (value is null || !value.StartsWith("scaled:", StringComparison.Ordinal)
            || !double.TryParse(value["scaled:".Length..], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || double.IsNaN(n))
        {
            error = $"'{text}' is not a clock; {Expected}";
            return false;
        }

        if (n is < MinScale or > MaxScale)
        {
            error = string.Create(CultureInfo.InvariantCulture, $"{text!.Trim()} is out of range: N must be from {MinScale} to {MaxScale} simulated seconds per wall second");
            return false;
        }

        spec = new ClockSpec(ClockKind.Scaled, n);
        return true;
    }

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        ClockKind.Scaled => string.Create(CultureInfo.InvariantCulture, $"scaled:{Scale}"),
        ClockKind.Real => "real",
        _ => "virtual",
    };
}
