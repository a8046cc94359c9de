using System.Text.Json;
using System.Text.Json.Nodes;
using VmssGrains.Abstractions.Json;
using VmssGrains.Domain.Azure;
using VmssGrains.Domain.Model;

namespace VmssGrains.Client.Cli;

/// <summary>Reads JSON files given on the command line: Azure resources, REST API examples, merge patches.</summary>
public static class ResourceFiles
{
    /// <summary>Reads a JSON object from a file; one clear error naming the file otherwise.</summary>
    public static JsonObject ReadObject(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliException(e is FileNotFoundException or DirectoryNotFoundException ? $"{path}: no such file" : $"{path}: cannot read it: {e.Message}");
        }

        return ParseObject(text, path);
    }

    /// <summary>Parses a JSON object (Azure property names match case-insensitively).</summary>
    public static JsonObject ParseObject(string text, string what)
    {
        try
        {
            return JsonNode.Parse(text, ScaleSetModelReader.NodeOptions, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }) as JsonObject
                ?? throw new CliException($"{what}: the JSON document is not an object");
        }
        catch (JsonException e)
        {
            throw new CliException($"{what}: {JsonErrors.Describe(e)}");
        }
    }

    /// <summary>
    /// The scale set resource in a file (<see cref="AzureDocuments"/>): a resource as <c>az vmss show</c> prints it,
    /// a bare properties object, an Azure REST API example (its request body), or an ARM template (its scale set,
    /// with the template's parameter defaults overridden by <paramref name="parameters"/>).
    /// </summary>
    public static JsonObject ScaleSetResource(JsonObject document, string path, IReadOnlyDictionary<string, JsonNode?>? parameters = null)
    {
        IReadOnlyList<ScaleSetDocument> found;
        try
        {
            found = AzureDocuments.ScaleSets(document, Path.GetFileName(path), parameters);
        }
        catch (AzureDocumentException e)
        {
            throw new CliException($"{path}: {e.Message}");
        }

        return found.Count switch
        {
            0 => throw new CliException($"{path}: no scale set in this {Describe(AzureDocuments.Kind(document))}; give a scale set resource, its properties, a REST API example or an ARM template"),
            _ => found[0].Resource,
        };
    }

    /// <summary>Template parameters from <c>--parameters name=value</c> pairs (values parsed as JSON when they parse).</summary>
    public static Dictionary<string, JsonNode?> Parameters(IEnumerable<string> pairs)
    {
        var result = new Dictionary<string, JsonNode?>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CliException($"--parameters: '{pair}' is not name=value");
            }

            result[pair[..equals]] = Value(pair[(equals + 1)..]);
        }

        return result;
    }

    private static string Describe(AzureDocumentKind kind) => kind switch
    {
        AzureDocumentKind.RestApiExample => "REST API example",
        AzureDocumentKind.ArmTemplate => "ARM template",
        AzureDocumentKind.List => "list",
        _ => "document",
    };

    /// <summary>
    /// A merge patch from <c>--set path=value</c> pairs: the path in Azure's dotted names, the value JSON when
    /// it parses (numbers, true, false, objects, quoted strings) and a plain string otherwise.
    /// </summary>
    public static JsonObject PatchFromSets(IEnumerable<string> sets)
    {
        var patch = new JsonObject();
        foreach (var set in sets)
        {
            var equals = set.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CliException($"--set: '{set}' is not path=value (for example properties.upgradePolicy.mode=Rolling)");
            }

            var path = set[..equals].Split('.');
            if (path.Any(string.IsNullOrWhiteSpace))
            {
                throw new CliException($"--set: '{set[..equals]}' is not a dotted property path");
            }

            var node = patch;
            foreach (var segment in path[..^1])
            {
                if (node[segment] is not JsonObject child)
                {
                    child = new JsonObject();
                    node[segment] = child;
                }

                node = child;
            }

            node[path[^1]] = Value(set[(equals + 1)..]);
        }

        return patch;
    }

    /// <summary>A command-line value as JSON: numbers, true, false, objects and quoted strings as they parse; anything else as a string.</summary>
    public static JsonNode? Value(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
