using System.Collections.Immutable;
using System.Text.Json.Nodes;
using VmssGrains.Domain.Azure;

namespace VmssGrains.Simulation.Scenarios;

/// <summary>
/// What <c>what-if</c> was given: an Azure document holding a scale set (as <c>az vmss show</c> or the REST API print it,
/// the bare properties <c>az vmss create</c> prints, a REST API example or an ARM template: whatever
/// <see cref="AzureDocuments.ScaleSets(JsonObject, string?, IReadOnlyDictionary{string, JsonNode?}?)"/> finds) and the
/// change the engineer is about to make.
/// </summary>
/// <param name="Document">The parsed file.</param>
/// <param name="Path">The file's path as given on the command line; errors start with it.</param>
public sealed record WhatIfRequest(JsonObject Document, string Path)
{
    /// <summary><c>--image-version V</c>: the image version to move to (Major.Minor.Patch or Major.Minor), or null.</summary>
    public string? ImageVersion { get; init; }

    /// <summary><c>--set path=value</c> operations, az's generic update, in command-line order.</summary>
    public ImmutableArray<GenericUpdateOperation> Sets { get; init; } = [];

    /// <summary><c>--parameters name=value</c>: an ARM template's parameter values (as <c>create --parameters</c>); null for none.</summary>
    public IReadOnlyDictionary<string, JsonNode?>? Parameters { get; init; }
}
