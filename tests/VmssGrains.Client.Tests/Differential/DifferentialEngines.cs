namespace VmssGrains.Client.Tests.Differential;

/// <summary>
/// The two engines the differential tests compare: the Orleans engine on an in-process cluster of 2 silos against
/// the reference engine, run as a user runs it (<c>simulate --engine reference --output json</c>). Any difference is
/// a bug in one of them.
/// </summary>
public static class DifferentialEngines
{
    /// <summary>The Orleans engine on 2 silos.</summary>
    public static IEngine Left { get; } = new ClusterEngine(silos: 2);

    /// <summary>The engine it is compared with: <c>simulate --engine reference --output json</c>.</summary>
    public static IEngine Right { get; } = new SimulateCommandEngine("--engine", "reference");

    /// <summary>The harness comparing <see cref="Left"/> with <see cref="Right"/>.</summary>
    public static DifferentialHarness Harness { get; } = new(Left, Right);
}
