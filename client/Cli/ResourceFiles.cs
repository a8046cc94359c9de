using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;
using System.Text.Json.Nodes;
using VmssGrains.Abstractions.Json;
using VmssGrains.Domain.Azure;

namespace VmssGrains.Client.Cli;

/// <summary>Reads JSON files given on the command line: Azure resources, REST API examples, merge patches.</summary>
public static class ResourceFiles
{
    /// <summary>Reads a JSON object from a file (<see cref="InputFile"/>); one clear error naming the file otherwise.</summary>
    public static JsonObject ReadObject(string path) => ParseObject(InputFile.ReadText(path), path);

    /// <summary>
    /// Parses a JSON object (<see cref="JsonInput"/>: Azure property names match case-insensitively, a property named
    /// twice — in any case — is an error naming its JSON path, nesting stops at 64 levels).
    /// </summary>
    public static JsonObject ParseObject(string text, string what)
    {
        try
        {
            return JsonInput.Parse(text, caseInsensitive: true) as JsonObject
                ?? throw new CliException($"{what}: the JSON document is not an object");
        }
        catch (DuplicatePropertyException e)
        {
            throw new CliException($"{what}: {e.JsonPath}: {e.Problem}");
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

            try
            {
                result[pair[..equals]] = GenericUpdate.ParseValue(pair[(equals + 1)..]);
            }
            catch (FormatException e)
            {
                throw new CliException($"--parameters: {e.Message}");
            }
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
    /// The <c>--set</c>, <c>--add</c> and <c>--remove</c> operations of <paramref name="parse"/> in command-line order:
    /// every argument of a <c>--set</c> is one <c>path=value</c>; each <c>--add</c> and <c>--remove</c> takes the
    /// arguments that follow it (System.CommandLine merges repeated options, so the order is read from the tokens).
    /// </summary>
    public static List<GenericUpdateOperation> GenericUpdates(ParseResult parse, Option<string[]> set, Option<string[]> add, Option<string[]> remove)
    {
        var operations = new List<GenericUpdateOperation>();
        (GenericUpdateKind Kind, List<string> Arguments)? current = null;
        void Close()
        {
            if (current is { } done)
            {
                operations.AddRange(done.Kind == GenericUpdateKind.Set
                    ? done.Arguments.Select(GenericUpdateOperation.Set)
                    : [new GenericUpdateOperation(done.Kind, [.. done.Arguments])]);
            }

            current = null;
        }

        foreach (var token in parse.Tokens)
        {
            if (token.Type == TokenType.Argument && current is { } open)
            {
                open.Arguments.Add(token.Value);
                continue;
            }

            Close();
            current = token.Type != TokenType.Option ? null
                : Names(set, token) ? (GenericUpdateKind.Set, [])
                : Names(add, token) ? (GenericUpdateKind.Add, [])
                : Names(remove, token) ? (GenericUpdateKind.Remove, [])
                : null;
        }

        Close();
        return operations;
    }

    private static bool Names(Option option, Token token) => token.Value == option.Name || option.Aliases.Contains(token.Value);

    /// <summary>
    /// The merge patch of a generic update: <paramref name="operations"/> applied to the resource as <c>show</c> printed
    /// it (<paramref name="shownJson"/>), then the difference (<see cref="GenericUpdate.Patch"/>); a path the resource
    /// cannot take is a usage error naming it.
    /// </summary>
    public static JsonObject GenericUpdatePatch(string shownJson, IReadOnlyList<GenericUpdateOperation> operations, string scaleSetName)
    {
        try
        {
            return GenericUpdate.Patch(Domain.Model.ScaleSetModelReader.ParseObject(shownJson), operations, scaleSetName);
        }
        catch (GenericUpdateException e)
        {
            throw new CliException(e.Message);
        }
    }

    /// <summary>A command-line value as JSON: numbers, true, false, objects and quoted strings as they parse; anything else as a string.</summary>
    /// <exception cref="CliException">JSON naming a property twice.</exception>
    public static JsonNode? Value(string text)
    {
        try
        {
            return GenericUpdate.ParseValue(text);
        }
        catch (FormatException e)
        {
            throw new CliException(e.Message);
        }
    }
}
