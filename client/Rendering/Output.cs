using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;
using VmssGrains.Client.Cli;

namespace VmssGrains.Client.Rendering;

/// <summary>Writes results: Azure-shaped JSON with <c>--output json</c>, tables for people otherwise.</summary>
public static class Output
{
    private static readonly JsonSerializerOptions Indented = VmssGrains.Abstractions.Json.JsonText.Indented;

    /// <summary>Writes a JSON node, indented.</summary>
    public static Task JsonAsync(CliContext context, JsonNode? node) => context.Out.WriteLineAsync(node?.ToJsonString(Indented) ?? "null");

    /// <summary>A scale set resource: the JSON, or its main properties as a table.</summary>
    public static async Task ResourceAsync(CliContext context, string resourceJson)
    {
        var resource = JsonNode.Parse(resourceJson)!.AsObject();
        if (context.Json)
        {
            await JsonAsync(context, resource);
            return;
        }

        var properties = resource["properties"];
        var policy = properties?["upgradePolicy"];
        var rolling = policy?["rollingUpgradePolicy"];
        var image = properties?["virtualMachineProfile"]?["storageProfile"]?["imageReference"];
        var table = new Table().Border(TableBorder.Simple).AddColumns("Name", "Capacity", "Orchestration", "UpgradePolicy", "MaxBatch%", "Image", "ProvisioningState");
        table.AddRow(
            Text(resource["name"]),
            Text(resource["sku"]?["capacity"]),
            Text(properties?["orchestrationMode"], "Uniform"),
            Text(policy?["mode"], "Manual"),
            Text(rolling?["maxBatchInstancePercent"], "20"),
            Text(image?["id"] ?? (image is null ? null : JsonValue.Create($"{image["publisher"]}:{image["offer"]}:{image["sku"]}:{image["version"]}"))),
            Text(properties?["provisioningState"]));
        Terminal.For(context.Out).Write(table);
    }

    /// <summary>A JSON value as escaped table text.</summary>
    public static string Text(JsonNode? node, string whenNull = "") =>
        Markup.Escape(node is null ? whenNull : node is JsonValue v && v.TryGetValue(out string? s) ? s : node.ToJsonString());
}
