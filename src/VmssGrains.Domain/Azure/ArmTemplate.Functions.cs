using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Randomness;

namespace VmssGrains.Domain.Azure;

/// <summary>The template functions the evaluator supports, and the conversions between their values.</summary>
internal sealed partial class ArmTemplate
{
    /// <summary>The functions the evaluator knows, for error messages.</summary>
    public const string Supported = "parameters, variables, concat, resourceId, resourceGroup, subscription, deployment, uri, uniqueString, "
        + "substring, toLower, toUpper, string, int, json, if, equals, not, and, or, copyIndex, true, false, null";

    private static JsonNode? Access(JsonNode? target, JsonNode? key, string path)
    {
        if (target is JsonObject obj && key is JsonValue k && k.TryGetValue(out string? name))
        {
            return AzureJsonPath.Find(obj, name, out var value)
                ? value?.DeepClone()
                : throw new AzureDocumentException(path, $"the template expression reads property '{name}', which the object does not have (it has {string.Join(", ", obj.Select(p => p.Key))})");
        }

        if (target is JsonArray array && key is JsonValue i && TryInteger(i, out var index))
        {
            return index >= 0 && index < array.Count
                ? array[(int)index]?.DeepClone()
                : throw new AzureDocumentException(path, $"index {index} is out of range: the array has {array.Count} items");
        }

        throw new AzureDocumentException(path, $"cannot read {Describe(key)} of {Describe(target)}");
    }

    private JsonNode? Call(ArmCall call, string path)
    {
        var name = call.Name;
        var args = call.Arguments;
        JsonNode? Arg(int i) => Evaluate(args[i], path);
        string Text(int i) => ToText(Arg(i), name, path);
        void Count(int min, int max)
        {
            if (args.Length < min || args.Length > max)
            {
                var expected = min == max ? $"{min}" : max == int.MaxValue ? $"at least {min}" : $"{min} to {max}";
                throw new AzureDocumentException(path, $"the template function '{name}' takes {expected} argument(s), not {args.Length}", name);
            }
        }

        switch (name.ToLowerInvariant())
        {
            case "parameters":
                Count(1, 1);
                return Parameter(Text(0), path);
            case "variables":
                Count(1, 1);
                return Variable(Text(0), path);
            case "concat":
                Count(1, int.MaxValue);
                var values = args.Select((_, i) => Arg(i)).ToList();
                return values.Count > 0 && values.All(v => v is JsonArray)
                    ? new JsonArray([.. values.SelectMany(v => v!.AsArray().Select(x => x?.DeepClone()))])
                    : JsonValue.Create(string.Concat(values.Select(v => ToText(v, name, path))));
            case "resourceid":
                Count(2, int.MaxValue);
                return JsonValue.Create(ResourceId([.. args.Select((_, i) => Text(i))], path));
            case "resourcegroup":
                Count(0, 0);
                return new JsonObject(ScaleSetModelReader.NodeOptions)
                {
                    ["id"] = $"/subscriptions/{ResourceDocument.Subscription}/resourceGroups/{ResourceDocument.ResourceGroup}",
                    ["name"] = ResourceDocument.ResourceGroup,
                    ["type"] = "Microsoft.Resources/resourceGroups",
                    ["location"] = Location,
                    ["properties"] = new JsonObject { ["provisioningState"] = "Succeeded" },
                };
            case "subscription":
                Count(0, 0);
                return new JsonObject(ScaleSetModelReader.NodeOptions)
                {
                    ["id"] = $"/subscriptions/{ResourceDocument.Subscription}",
                    ["subscriptionId"] = ResourceDocument.Subscription,
                    ["tenantId"] = ResourceDocument.Subscription,
                    ["displayName"] = ResourceDocument.ResourceGroup,
                };
            case "deployment":
                // Azure fills templateLink only for a linked template; the simulation pretends the file was linked.
                Count(0, 0);
                var file = Path.GetFileName(fileName ?? "template.json");
                return new JsonObject(ScaleSetModelReader.NodeOptions)
                {
                    ["name"] = Path.GetFileNameWithoutExtension(file),
                    ["properties"] = new JsonObject(ScaleSetModelReader.NodeOptions)
                    {
                        ["templateLink"] = new JsonObject(ScaleSetModelReader.NodeOptions) { ["uri"] = $"https://vmss-sim.invalid/templates/{Uri.EscapeDataString(file)}" },
                    },
                };
            case "uri":
                Count(2, 2);
                var baseText = Text(0);
                return Uri.TryCreate(baseText, UriKind.Absolute, out var baseUri)
                    ? JsonValue.Create(new Uri(baseUri, Text(1)).AbsoluteUri)
                    : throw new AzureDocumentException(path, $"uri(): '{baseText}' is not an absolute URI", name);
            case "uniquestring":
                Count(1, int.MaxValue);
                return JsonValue.Create(UniqueString([.. args.Select((_, i) => Text(i))]));
            case "substring":
                Count(2, 3);
                var source = Text(0);
                var start = ToInteger(Arg(1), name, path);
                var length = args.Length == 3 ? ToInteger(Arg(2), name, path) : source.Length - start;
                return start >= 0 && length >= 0 && start + length <= source.Length
                    ? JsonValue.Create(source.Substring((int)start, (int)length))
                    : throw new AzureDocumentException(path, $"substring('{source}', {start}, {length}) is out of range", name);
            case "tolower":
                Count(1, 1);
                return JsonValue.Create(Text(0).ToLowerInvariant());
            case "toupper":
                Count(1, 1);
                return JsonValue.Create(Text(0).ToUpperInvariant());
            case "string":
                Count(1, 1);
                var value = Arg(0);
                return JsonValue.Create(value is JsonObject or JsonArray ? value.ToJsonString() : ToText(value, name, path));
            case "int":
                Count(1, 1);
                return JsonValue.Create(ToInteger(Arg(0), name, path));
            case "json":
                Count(1, 1);
                var json = Text(0);
                try
                {
                    return JsonNode.Parse(json, ScaleSetModelReader.NodeOptions);
                }
                catch (JsonException e)
                {
                    throw new AzureDocumentException(path, $"json(): the text is not JSON ({e.Message})", name);
                }

            case "if":
                Count(3, 3);
                return ToBoolean(Arg(0), name, path) ? Arg(1) : Arg(2);
            case "equals":
                Count(2, 2);
                return JsonValue.Create(JsonNode.DeepEquals(Arg(0), Arg(1)));
            case "not":
                Count(1, 1);
                return JsonValue.Create(!ToBoolean(Arg(0), name, path));
            case "and":
                Count(2, int.MaxValue);
                return JsonValue.Create(args.Select((_, i) => i).All(i => ToBoolean(Arg(i), name, path)));
            case "or":
                Count(2, int.MaxValue);
                return JsonValue.Create(args.Select((_, i) => i).Any(i => ToBoolean(Arg(i), name, path)));
            case "copyindex":
                Count(0, 2);
                return JsonValue.Create(CopyIndex([.. args.Select((_, i) => Arg(i))], path));
            case "true":
                Count(0, 0);
                return JsonValue.Create(true);
            case "false":
                Count(0, 0);
                return JsonValue.Create(false);
            case "null":
                Count(0, 0);
                return null;
            default:
                throw new AzureDocumentException(path, $"the template function '{name}' is not supported by the simulator's template evaluator (supported: {Supported})", name);
        }
    }

    private long CopyIndex(JsonNode?[] args, string path)
    {
        string? loop = null;
        long offset = 0;
        foreach (var arg in args)
        {
            if (arg is JsonValue v && v.TryGetValue(out string? s))
            {
                loop = s;
            }
            else
            {
                offset = ToInteger(arg, "copyIndex", path);
            }
        }

        if (this.copy is not { } copy)
        {
            throw new AzureDocumentException(path, "copyIndex() is used outside a copy loop", "copyIndex");
        }

        if (loop is not null && !loop.Equals(copy.Loop, StringComparison.OrdinalIgnoreCase))
        {
            throw new AzureDocumentException(path, $"copyIndex('{loop}'): the enclosing copy loop is '{copy.Loop}'", "copyIndex");
        }

        return copy.Index + offset;
    }

    /// <summary>
    /// <c>resourceId([subscriptionId], [resourceGroupName], type, name1, name2, ...)</c>: the names interleave with the
    /// type's segments, e.g. <c>.../providers/Microsoft.Network/loadBalancers/lb/probes/http</c>.
    /// </summary>
    private static string ResourceId(string[] args, string path)
    {
        var typeIndex = Array.FindIndex(args, a => a.Trim('/').Split('/') is { Length: >= 2 } parts && parts[0].Contains('.', StringComparison.Ordinal));
        if (typeIndex is < 0 or > 2)
        {
            throw new AzureDocumentException(path, $"resourceId({string.Join(", ", args.Select(a => $"'{a}'"))}): no resource type such as 'Microsoft.Network/loadBalancers'", "resourceId");
        }

        var subscription = typeIndex == 2 ? args[0] : ResourceDocument.Subscription;
        var group = typeIndex switch { 2 => args[1], 1 => args[0], _ => ResourceDocument.ResourceGroup };
        var type = args[typeIndex].Trim('/').Split('/');
        var names = args[(typeIndex + 1)..];
        if (names.Length != type.Length - 1)
        {
            throw new AzureDocumentException(path, $"resourceId(): type '{string.Join('/', type)}' needs {type.Length - 1} name(s), got {names.Length}", "resourceId");
        }

        var id = new StringBuilder($"/subscriptions/{subscription}/resourceGroups/{group}/providers/{type[0]}");
        for (var i = 0; i < names.Length; i++)
        {
            id.Append('/').Append(type[i + 1]).Append('/').Append(names[i]);
        }

        return id.ToString();
    }

    /// <summary>A stable 13-character base-32 hash, the shape of ARM's uniqueString.</summary>
    private static string UniqueString(string[] parts)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        var hash = SeedHash.Of(0, parts);
        var chars = new char[13];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[(int)((hash >> (i * 5)) & 31)];
        }

        return new string(chars);
    }

    private static string ToText(JsonNode? node, string function, string path) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue(out string? s) => s,
        JsonValue v when v.TryGetValue(out bool b) => b ? "True" : "False",
        JsonValue v when TryInteger(v, out var l) => l.ToString(CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue(out double d) => d.ToString(CultureInfo.InvariantCulture),
        _ => throw new AzureDocumentException(path, $"{function}() needs a string here, not {Describe(node)}", function),
    };

    private static long ToInteger(JsonNode? node, string function, string path) =>
        node is JsonValue v && (TryInteger(v, out var value) || (v.TryGetValue(out string? s) && long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out value)))
            ? value
            : throw new AzureDocumentException(path, $"{function} needs an integer, not {Describe(node)}", function);

    private static bool ToBoolean(JsonNode? node, string function, string path) =>
        node is JsonValue v && (v.TryGetValue(out bool b) || (v.TryGetValue(out string? s) && bool.TryParse(s, out b)))
            ? b
            : throw new AzureDocumentException(path, $"{function} needs true or false, not {Describe(node)}", function);

    private static bool TryInteger(JsonValue value, out long result)
    {
        if (value.TryGetValue(out result))
        {
            return true;
        }

        if (value.TryGetValue(out int i))
        {
            result = i;
            return true;
        }

        if (value.TryGetValue(out double d) && d == Math.Floor(d) && Math.Abs(d) < 9e15)
        {
            result = (long)d;
            return true;
        }

        return false;
    }

    private static string Describe(JsonNode? node) => node is null ? "null" : JsonFields.Describe(node);
}
