using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace VmssGrains.Simulation.Scenarios;

/// <summary>
/// The scenario <see cref="WhatIfScenario.Build"/> made from a scale set and a change, and what it read and assumed to
/// make it: the header <c>what-if</c> prints above its prediction.
/// </summary>
/// <param name="ScaleSet">The scale set's name in the scenario.</param>
/// <param name="File">The scenario file (docs/contracts.md#scenario-file), as <c>--save-scenario</c> writes it.</param>
/// <param name="Scenario">The same file read by <see cref="ScenarioReader"/>: what runs.</param>
public sealed record WhatIfPlan(string ScaleSet, JsonObject File, Scenario Scenario)
{
    /// <summary>What was read, in order, each as a label and one line: scale set, upgrade policy, health, load balancers, extensions, image.</summary>
    public ImmutableArray<(string Label, string Text)> Read { get; init; } = [];

    /// <summary>The change at PT0S, in one line (the update's merge patch, or the publication of an image version).</summary>
    public required string Change { get; init; }

    /// <summary>What the upgrade mode makes of the change, in one line.</summary>
    public required string Follows { get; init; }

    /// <summary>Everything assumed that the scale set's JSON does not say, one sentence each.</summary>
    public ImmutableArray<string> Assumptions { get; init; } = [];
}
