using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.Azure;

/// <summary>
/// Evaluates the scale set resources of an ARM template with a small subset of the template language: enough to
/// read the shapes that quickstart and sample templates use. Parameters take the caller's value or their
/// <c>defaultValue</c>; the deployment happens in a simulated resource group (<c>vmss-sim</c>, <c>eastus</c>).
/// Unsupported functions fail with an <see cref="AzureDocumentException"/> naming the function and the JSON path.
/// </summary>
internal sealed partial class ArmTemplate
{
    /// <summary>The location of the simulated resource group.</summary>
    public const string Location = "eastus";

    /// <summary>Resource members that steer the deployment and are not part of the resource itself.</summary>
    private static readonly string[] DeploymentMembers = ["apiVersion", "dependsOn", "copy", "condition", "comments", "scope", "resources"];

    private readonly JsonObject template;
    private readonly string? fileName;
    private readonly IReadOnlyDictionary<string, JsonNode?> supplied;
    private readonly Dictionary<string, JsonNode?> parameters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, JsonNode?> variables = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> evaluating = new(StringComparer.OrdinalIgnoreCase);
    private (string Loop, int Index)? copy;

    public ArmTemplate(JsonObject template, string? fileName, IReadOnlyDictionary<string, JsonNode?>? parameters)
    {
        this.template = template;
        this.fileName = fileName;
        supplied = parameters is null
            ? new Dictionary<string, JsonNode?>()
            : parameters.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>True when the document is a deployment template: <c>resources</c> plus <c>$schema</c> or <c>contentVersion</c>.</summary>
    public static bool IsTemplate(JsonObject document) =>
        AzureJsonPath.Get(document, "resources") is JsonArray or JsonObject
        && (AzureJsonPath.String(document, "$schema")?.Contains("deploymentTemplate", StringComparison.OrdinalIgnoreCase) == true
            || AzureJsonPath.Get(document, "contentVersion") is not null);

    /// <summary>Every scale set resource of the template, evaluated; copy loops give one resource per iteration.</summary>
    public IEnumerable<(string Source, JsonObject Resource)> ScaleSetResources()
    {
        var resources = AzureJsonPath.Get(template, "resources");
        var entries = resources switch
        {
            JsonArray array => array.Select((r, i) => ($"resources[{i}]", r)),
            JsonObject symbolic => symbolic.Select(p => ($"resources.{p.Key}", p.Value)),
            _ => [],
        };

        foreach (var (path, node) in entries)
        {
            if (node is not JsonObject resource || !IsScaleSetType(resource, path))
            {
                continue;
            }

            if (AzureJsonPath.Get(resource, "copy") is JsonObject copy)
            {
                var loop = AzureJsonPath.String(copy, "name") ?? "";
                var count = ToInteger(Evaluate(AzureJsonPath.Get(copy, "count"), $"{path}.copy.count"), "copy.count", $"{path}.copy.count");
                for (var i = 0; i < count; i++)
                {
                    this.copy = (loop, i);
                    var source = $"{path} (copy index {i.ToString(CultureInfo.InvariantCulture)})";
                    if (Instance(resource, path) is { } instance)
                    {
                        yield return (source, instance);
                    }
                }

                this.copy = null;
            }
            else if (Instance(resource, path) is { } instance)
            {
                yield return (path, instance);
            }
        }
    }

    private bool IsScaleSetType(JsonObject resource, string path)
    {
        var type = Evaluate(AzureJsonPath.Get(resource, "type"), $"{path}.type");
        return type is JsonValue v && v.TryGetValue(out string? text)
            && string.Equals(text.TrimEnd('/'), AzureDocuments.ScaleSetType, StringComparison.OrdinalIgnoreCase);
    }

    private JsonObject? Instance(JsonObject resource, string path)
    {
        if (AzureJsonPath.Get(resource, "condition") is { } condition && !ToBoolean(Evaluate(condition, $"{path}.condition"), "condition", $"{path}.condition"))
        {
            return null;
        }

        var result = new JsonObject(ScaleSetModelReader.NodeOptions);
        foreach (var (key, value) in resource)
        {
            if (!DeploymentMembers.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                result[key] = Evaluate(value, $"{path}.{key}");
            }
        }

        return result;
    }

    /// <summary>Evaluates every expression in a JSON value; returns a new tree.</summary>
    private JsonNode? Evaluate(JsonNode? node, string path)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                var result = new JsonObject(ScaleSetModelReader.NodeOptions);
                foreach (var (key, value) in obj)
                {
                    if (key.Equals("copy", StringComparison.OrdinalIgnoreCase) && value is JsonArray)
                    {
                        throw new AzureDocumentException($"{path}.{key}", "property copy loops are not supported by the simulator's template evaluator; expand the loop by hand");
                    }

                    result[key] = Evaluate(value, $"{path}.{key}");
                }

                return result;
            case JsonArray array:
                return new JsonArray([.. array.Select((item, i) => Evaluate(item, $"{path}[{i}]"))]);
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                var text = value.GetValue<string>();
                return ArmExpression.IsExpression(text) ? Evaluate(ArmExpression.Parse(text, path), path)?.DeepClone() : JsonValue.Create(ArmExpression.Literal(text));
            default:
                return node.DeepClone();
        }
    }

    private JsonNode? Evaluate(ArmExpression expression, string path) => expression switch
    {
        ArmLiteral literal => literal.Value?.DeepClone(),
        ArmAccess access => Access(Evaluate(access.Target, path), Evaluate(access.Key, path), path),
        ArmCall call => Call(call, path),
        _ => throw new AzureDocumentException(path, "unknown expression"),
    };

    private JsonNode? Parameter(string name, string path)
    {
        if (parameters.TryGetValue(name, out var known))
        {
            return known?.DeepClone();
        }

        if (!AzureJsonPath.Find(AzureJsonPath.Get(template, "parameters") as JsonObject, name, out var definition))
        {
            throw new AzureDocumentException(path, $"parameters('{name}'): the template defines no parameter '{name}'", "parameters");
        }

        JsonNode? value;
        if (this.supplied.TryGetValue(name, out var supplied))
        {
            value = supplied?.DeepClone();
        }
        else if (AzureJsonPath.Find(definition as JsonObject, "defaultValue", out var defaultValue))
        {
            value = Guarded($"parameter '{name}'", () => Evaluate(defaultValue, $"parameters.{name}.defaultValue"), path);
        }
        else
        {
            throw new AzureDocumentException(path, $"parameters('{name}'): the parameter has no defaultValue; supply a value for it", "parameters");
        }

        parameters[name] = value;
        return value?.DeepClone();
    }

    private JsonNode? Variable(string name, string path)
    {
        if (this.variables.TryGetValue(name, out var known))
        {
            return known?.DeepClone();
        }

        var variables = AzureJsonPath.Get(template, "variables") as JsonObject;
        if (AzureJsonPath.Find(variables, "copy", out _))
        {
            throw new AzureDocumentException("variables.copy", "variable copy loops are not supported by the simulator's template evaluator", "copy");
        }

        if (!AzureJsonPath.Find(variables, name, out var definition))
        {
            throw new AzureDocumentException(path, $"variables('{name}'): the template defines no variable '{name}'", "variables");
        }

        var value = Guarded($"variable '{name}'", () => Evaluate(definition, $"variables.{name}"), path);
        this.variables[name] = value;
        return value?.DeepClone();
    }

    /// <summary>Evaluates a parameter default or a variable once, refusing a definition that refers to itself.</summary>
    private JsonNode? Guarded(string what, Func<JsonNode?> evaluate, string path)
    {
        if (!evaluating.Add(what))
        {
            throw new AzureDocumentException(path, $"the {what} refers to itself");
        }

        // A copy index belongs to the resource being evaluated, not to variables and parameters.
        var copy = this.copy;
        this.copy = null;
        try
        {
            return evaluate();
        }
        finally
        {
            this.copy = copy;
            evaluating.Remove(what);
        }
    }
}
