using System.Globalization;

namespace VmssGrains.Grains.Clock;

/// <summary>Which clock the simulation runs on (docs/clock.md#the-three-clocks).</summary>
public enum ClockKind
{
    /// <summary>Time jumps to the next due event when nothing is in flight: exact, repeatable, as fast as the work allows.</summary>
    Virtual,

    /// <summary>N simulated seconds per wall second.</summary>
    Scaled,

    /// <summary>Wall time.</summary>
    Real,
}

/// <summary>A clock choice as written on the command line or in configuration: <c>virtual</c>, <c>scaled:N</c>, <c>real</c>.</summary>
public sealed record ClockSpec(ClockKind Kind, double Scale = 1)
{
    /// <summary>The default of the embedded silo and the tests.</summary>
    public static ClockSpec Virtual { get; } = new(ClockKind.Virtual);

    /// <summary>Parses <c>virtual</c>, <c>real</c> or <c>scaled:N</c> (N &gt; 0).</summary>
    public static bool TryParse(string? text, out ClockSpec spec)
    {
        spec = Virtual;
        var value = text?.Trim().ToLowerInvariant();
        switch (value)
        {
            case "virtual":
                return true;
            case "real":
                spec = new ClockSpec(ClockKind.Real);
                return true;
        }

        if (value is not null && value.StartsWith("scaled:", StringComparison.Ordinal)
            && double.TryParse(value["scaled:".Length..], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0 && double.IsFinite(n))
        {
            spec = new ClockSpec(ClockKind.Scaled, n);
            return true;
        }

        return false;
    }

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        ClockKind.Scaled => string.Create(CultureInfo.InvariantCulture, $"scaled:{Scale}"),
        ClockKind.Real => "real",
        _ => "virtual",
    };
}
