using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace VmssGrains.Grains.Clock;

/// <summary>
/// A clock choice as written on the command line (<c>simulate --clock</c>) or in configuration
/// (<c>Simulation:Clock</c>): <c>virtual</c>, <c>scaled:N</c> or <c>real</c>. N, in simulated seconds per wall
/// second, lies in <see cref="MinScale"/>–<see cref="MaxScale"/>; above <see cref="DriftScale"/> a busy silo falls
/// behind, and the load balancers' figures may come out otherwise than on the virtual clock (<see cref="DriftWarning"/>).
/// </summary>
public sealed record ClockSpec(ClockKind Kind, double Scale = 1)
{
    /// <summary>The slowest scale: 0.01 (a simulated second every 100 wall seconds).</summary>
    public const double MinScale = 0.01;

    /// <summary>
    /// The fastest scale: 1000. Grains act at the time their events were due (<see cref="CallTime"/>), so processing
    /// latency does not add up (the 6-VM demo and 10,000 instances end at the virtual clock's time at scaled:1000 on this
    /// project's 2-core machine); beyond this a run is mostly the silo catching up.
    /// </summary>
    public const double MaxScale = 1000;

    /// <summary>The fastest scale without a warning: 100 (measured before grains acted at due times, the demo then ended 1–2 % late).</summary>
    public const double DriftScale = 100;

    /// <summary>The default of the embedded silo and the tests.</summary>
    public static ClockSpec Virtual { get; } = new(ClockKind.Virtual);

    /// <summary>What a clock may be, as messages say it.</summary>
    public static string Expected { get; } = string.Create(CultureInfo.InvariantCulture, $"use virtual, scaled:N (N from {MinScale} to {MaxScale} simulated seconds per wall second) or real");

    /// <summary>
    /// One line when the scale is above <see cref="DriftScale"/>: the load balancers' figures may come out otherwise. Null otherwise.
    /// </summary>
    public string? DriftWarning => Kind == ClockKind.Scaled && Scale > DriftScale
        ? string.Create(CultureInfo.InvariantCulture, $"{this} is faster than scaled:{DriftScale}: a silo that falls behind handles events in the order it gets to them, so the load balancers' capacity and traffic figures, and a little the times, can differ from the virtual clock's (10,000 instances at scaled:{MaxScale} on 2 cores: 70–87 % minimum in service against 66 %, the same end time); use virtual for exact figures")
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
