using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests;

/// <summary>Small readers for the JSON the console prints.</summary>
public static class Json
{
    /// <summary>Parses standard output as a JSON object.</summary>
    public static JsonObject ParseObject(CliResult result) => JsonNode.Parse(result.Out)?.AsObject() ?? throw new InvalidOperationException($"not a JSON object:\n{result}");

    /// <summary>Parses standard output as a JSON array.</summary>
    public static JsonArray ParseArray(CliResult result) => JsonNode.Parse(result.Out)?.AsArray() ?? throw new InvalidOperationException($"not a JSON array:\n{result}");

    /// <summary>A string property.</summary>
    public static string? Str(this JsonNode? node, string name) => node?[name]?.GetValue<string>();

    /// <summary>An integer property.</summary>
    public static long Whole(this JsonNode? node, string name) => node?[name]?.GetValue<long>() ?? throw new InvalidOperationException($"no '{name}' in {node?.ToJsonString()}");

    /// <summary>A number property.</summary>
    public static double Number(this JsonNode? node, string name) => node?[name]?.GetValue<double>() ?? throw new InvalidOperationException($"no '{name}' in {node?.ToJsonString()}");

    /// <summary>A boolean property.</summary>
    public static bool Bool(this JsonNode? node, string name) => node?[name]?.GetValue<bool>() ?? throw new InvalidOperationException($"no '{name}' in {node?.ToJsonString()}");

    /// <summary>The objects of an array property.</summary>
    public static List<JsonObject> Objects(this JsonNode? node, string name) => node?[name]?.AsArray().Select(n => n!.AsObject()).ToList() ?? [];

    /// <summary>The strings of an array property.</summary>
    public static List<string> Strings(this JsonNode? node, string name) => node?[name]?.AsArray().Select(n => n!.GetValue<string>()).ToList() ?? [];

    /// <summary>The element of an array property whose <c>name</c> is <paramref name="value"/>.</summary>
    public static JsonObject Named(this JsonNode? node, string array, string value) =>
        node.Objects(array).Single(o => o.Str("name") == value);

    /// <summary>A run's progress as (successful, failed, inProgress, pending).</summary>
    public static (long, long, long, long) Progress(this JsonNode? progress) =>
        (progress.Whole("successfulInstanceCount"), progress.Whole("failedInstanceCount"), progress.Whole("inProgressInstanceCount"), progress.Whole("pendingInstanceCount"));
}
