using System.Text.Json.Nodes;

namespace VmssGrains.Domain.Azure;

/// <summary>
/// Reads the Swagger 2.0 definitions behind <see cref="ResourceSchema"/>: <c>$ref</c> (local, <c>./file.json</c>, and
/// refs to files or definitions the extracts do not hold, looked up in the supplement by definition name), <c>allOf</c>,
/// <c>properties</c>, <c>additionalProperties</c>, <c>readOnly</c>, <c>x-ms-client-flatten</c>, <c>x-trimmed</c>, <c>type</c> and <c>items</c>.
/// </summary>
internal sealed class SwaggerDefinitions
{
    public const string Main = "virtualMachineScaleSet.json";
    private const string Supplement = "supplement";
    private static readonly string[] EmbeddedFiles = [Main, "computeRPCommon.json", Supplement];

    private readonly Dictionary<string, JsonObject> definitions;
    private readonly Dictionary<(string File, string Name), SchemaNode> built = [];
    private readonly Lock gate = new();

    private SwaggerDefinitions(Dictionary<string, JsonObject> definitions) => this.definitions = definitions;

    /// <summary>The extracts and the supplement embedded in this assembly.</summary>
    public static SwaggerDefinitions LoadEmbedded()
    {
        var files = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var file in EmbeddedFiles)
        {
            var name = file == Supplement ? "schema/supplement.json" : $"schema/{file}";
            using var stream = typeof(SwaggerDefinitions).Assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"the embedded schema '{name}' is missing");
            files[file] = JsonNode.Parse(stream)!["definitions"]!.AsObject();
        }

        return new SwaggerDefinitions(files);
    }

    /// <summary>The definition <paramref name="name"/> of <paramref name="file"/>.</summary>
    public SchemaNode Definition(string file, string name) => FromRef($"#/definitions/{name}", file);

    private SchemaNode FromRef(string reference, string file)
    {
        var hash = reference.IndexOf('#', StringComparison.Ordinal);
        var location = hash < 0 ? reference : reference[..hash];
        var target = location.Length == 0 ? file : location.StartsWith("./", StringComparison.Ordinal) ? location[2..] : location;
        const string prefix = "/definitions/";
        var pointer = hash < 0 ? "" : reference[(hash + 1)..];
        if (!pointer.StartsWith(prefix, StringComparison.Ordinal))
        {
            return SchemaNode.Unknown;
        }

        // The extracts name what they did not extract: "#/definitions/VirtualMachineScaleSetOSProfile (not extracted)".
        var name = pointer[prefix.Length..];
        var clean = name.Split(" (")[0];
        if (definitions.TryGetValue(target, out var defs) && (defs.ContainsKey(name) || defs.ContainsKey(clean)))
        {
            return Built(target, defs.ContainsKey(name) ? name : clean);
        }

        return definitions[Supplement].ContainsKey(clean) ? Built(Supplement, clean) : SchemaNode.Unknown;
    }

    private SchemaNode Built(string file, string name)
    {
        lock (gate)
        {
            if (built.TryGetValue((file, name), out var node))
            {
                return node;
            }
        }

        var extra = file == Supplement ? null : definitions[Supplement][name] as JsonObject;
        var result = Build(definitions[file][name]!.AsObject(), file, name, extra);
        lock (gate)
        {
            built[(file, name)] = result;
        }

        return result;
    }

    private SchemaNode Build(JsonObject schema, string file, string? definition, JsonObject? extra)
    {
        if (schema["$ref"] is JsonValue r && r.TryGetValue(out string? reference))
        {
            return FromRef(reference, file);
        }

        var members = new List<SchemaMember>();
        var complete = !schema.ContainsKey("x-trimmed");
        foreach (var parent in schema["allOf"] as JsonArray ?? [])
        {
            var inherited = parent is JsonObject p ? Build(p, file, null, null) : SchemaNode.Unknown;
            members.AddRange(inherited.Members);
            complete &= inherited.Kind == SchemaKind.Object && inherited.IsComplete;
        }

        AddMembers(members, schema["properties"] as JsonObject, file);
        AddMembers(members, extra?["properties"] as JsonObject, Supplement);
        if (members.Count > 0 || schema.ContainsKey("properties"))
        {
            return new SchemaNode(SchemaKind.Object, definition, members, complete: complete);
        }

        var type = schema["type"] is JsonValue t && t.TryGetValue(out string? s) ? s : null;
        return type switch
        {
            "array" => new SchemaNode(SchemaKind.Array, definition, items: schema["items"] is JsonObject i ? () => Build(i, file, null, null) : null),
            "object" => new SchemaNode(SchemaKind.Map, definition, items: schema["additionalProperties"] is JsonObject v ? () => Build(v, file, null, null) : null),
            "string" or "integer" or "number" or "boolean" => new SchemaNode(SchemaKind.Scalar, definition, scalarType: type),
            _ => schema.ContainsKey("enum") ? new SchemaNode(SchemaKind.Scalar, definition, scalarType: "string") : SchemaNode.Unknown,
        };
    }

    private void AddMembers(List<SchemaMember> members, JsonObject? properties, string file)
    {
        foreach (var (name, value) in properties ?? [])
        {
            if (value is not JsonObject member || members.Any(m => m.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            members.Add(new SchemaMember(
                name,
                member["readOnly"] is JsonValue ro && ro.TryGetValue(out bool readOnly) && readOnly,
                member["x-ms-client-flatten"] is JsonValue fl && fl.TryGetValue(out bool flattened) && flattened,
                () => Build(member, file, null, null)));
        }
    }
}
