namespace VmssGrains.Simulation.Scenarios;

/// <summary>A scenario that cannot be run: the message names the JSON path and what is allowed.</summary>
public sealed class ScenarioException(string path, string message) : Exception($"{path}: {message}")
{
    /// <summary>The JSON path of the problem (<c>$.faults[1].kind</c>).</summary>
    public string Path { get; } = path;

    /// <summary>What is wrong.</summary>
    public string Problem { get; } = message;
}
