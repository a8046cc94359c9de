namespace VmssGrains.Silo;

/// <summary>The <c>Simulation</c> configuration section as written; see <see cref="SiloOptions"/> for why values stay text.</summary>
public sealed class SimulationOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Simulation";

    /// <summary>The settings of the section, for rejecting a misspelt one.</summary>
    public static readonly string[] Keys = [nameof(Clock), nameof(Anchor), nameof(Seed)];

    /// <summary>The simulation clock: <c>real</c>, <c>scaled:N</c> (N simulated seconds per wall second) or <c>virtual</c> (default <c>scaled:60</c>).</summary>
    public string? Clock { get; set; } = "scaled:60";

    /// <summary>The wall time at which simulated time starts, a date and time (UTC unless it says otherwise); default midnight UTC today.</summary>
    public string? Anchor { get; set; }

    /// <summary>The seed of scale sets created without one, an integer (default 0).</summary>
    public string? Seed { get; set; } = "0";
}
