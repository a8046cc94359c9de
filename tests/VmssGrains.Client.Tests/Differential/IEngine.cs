namespace VmssGrains.Client.Tests.Differential;

/// <summary>
/// Something that plays a scenario and returns its report exactly as <c>simulate --output json</c> writes it to
/// standard output (the indented JSON and its newline). Every call starts from nothing: no state of an earlier run.
/// </summary>
public interface IEngine
{
    /// <summary>What the engine is, for failure messages (<c>Orleans on 2 silos</c>).</summary>
    string Name { get; }

    /// <summary>Plays <paramref name="scenarioJson"/> with <paramref name="seed"/> in place of its own seed.</summary>
    /// <exception cref="EngineFailedException">The scenario was refused or the simulation failed: no report.</exception>
    Task<string> RunAsync(string scenarioJson, long seed);
}
