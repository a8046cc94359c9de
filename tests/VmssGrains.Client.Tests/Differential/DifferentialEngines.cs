namespace VmssGrains.Client.Tests.Differential;

/// <summary>
/// The two engines the differential tests compare. Today: the Orleans engine on an in-process cluster of 2 silos
/// against <c>simulate</c>'s own embedded silo (one silo): placement must not change a report. To compare another
/// engine, replace <see cref="Right"/>; one the console selects by option is
/// <c>new SimulateCommandEngine("--engine", "reference")</c>.
/// </summary>
public static class DifferentialEngines
{
    /// <summary>The Orleans engine on 2 silos.</summary>
    public static IEngine Left { get; } = new ClusterEngine(silos: 2);

    /// <summary>The engine it is compared with: <c>simulate --output json</c> as a user runs it, on its embedded silo.</summary>
    public static IEngine Right { get; } = new SimulateCommandEngine();

    /// <summary>The harness comparing <see cref="Left"/> with <see cref="Right"/>.</summary>
    public static DifferentialHarness Harness { get; } = new(Left, Right);
}
