using System.Text.Json;
using System.Text.Json.Nodes;

namespace VmssGrains.Simulation.Reporting;

/// <summary>The report of a scenario run (docs/report.md): Azure-shaped JSON, deterministic for one scenario and seed.</summary>
public sealed class SimulationReport(JsonObject json, TimeSpan simulatedDuration)
{
    private static readonly JsonSerializerOptions Indented = VmssGrains.Abstractions.Json.JsonText.Indented;

    /// <summary>The report document.</summary>
    public JsonObject Json { get; } = json;

    /// <summary>Simulated time from the start to the end of the run.</summary>
    public TimeSpan SimulatedDuration { get; } = simulatedDuration;

    /// <summary>The report as indented JSON.</summary>
    public override string ToString() => Json.ToJsonString(Indented);
}
