using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.Azure;

/// <summary>
/// Applies generic update operations to a scale set resource (REST shape) in place, with az's semantics: paths in az's
/// flattened form or the REST form; <c>--set</c> creates the absent objects on its way, never list elements;
/// <c>--add</c> appends to a list (created when absent) or adds key=value members to an object; <c>--remove</c> drops a
/// property (a list property becomes empty, as az does) or a list element. Every name must be known at its position
/// (<see cref="ResourcePosition"/>); each failure is a <see cref="GenericUpdateException"/> naming the flag and the path.
/// </summary>
internal sealed partial class ResourceEditor(JsonObject resource, string scaleSetName)
{
    private string flag = "";

    /// <summary>Applies one operation.</summary>
    public void Apply(GenericUpdateOperation operation)
    {
        flag = operation.Flag;
        var arguments = operation.Arguments;
        switch (operation.Kind)
        {
            case GenericUpdateKind.Set when arguments.Length == 1:
                Set(arguments[0]);
                break;
            case GenericUpdateKind.Add when arguments.Length >= 2:
                Add(Parse(arguments[0]), arguments[1..]);
                break;
            case GenericUpdateKind.Remove when arguments.Length is 1 or 2:
                Remove(Parse(arguments[0]), arguments.Length == 2 ? arguments[1] : null);
                break;
            case GenericUpdateKind.Set:
                throw Error("give one path=value (for example upgradePolicy.mode=Manual)");
            case GenericUpdateKind.Add:
                throw Error("give a path and at least one value (for example virtualMachineProfile.extensionProfile.extensions name=app publisher=Microsoft.Azure.Extensions ...)");
            default:
                throw Error("give a path, and an index to remove a list element (for example virtualMachineProfile.extensionProfile.extensions 0)");
        }
    }

    private void Set(string expression)
    {
        var equals = EqualsOutsideBrackets(expression);
        if (equals <= 0)
        {
            throw Error($"'{expression}' is not path=value (for example upgradePolicy.mode=Manual)");
        }

        var path = Parse(expression[..equals]);
        var value = ParseValue(expression[(equals + 1)..]);
        Assign(Walk(path, path.Steps.Length - 1), path, value);
    }

    private void Add(ResourcePath path, IReadOnlyList<string> values)
    {
        var target = Walk(path, path.Steps.Length);
        var isObject = target.Node switch
        {
            JsonObject => true,
            JsonArray => false,
            JsonValue => throw Error($"'{path}' is {Describe(target.Node)} in scale set '{scaleSetName}': --add appends to a list or adds key=value members to an object"),
            _ => target.Schema.Kind switch
            {
                SchemaKind.Object or SchemaKind.Map => true,
                SchemaKind.Scalar => throw Error($"'{path}' holds a single value in scale set '{scaleSetName}': --add appends to a list or adds key=value members to an object"),
                _ => false,
            },
        };

        if (isObject)
        {
            foreach (var value in values)
            {
                var equals = IsPair(value) ? value.IndexOf('=', StringComparison.Ordinal) : -1;
                if (equals <= 0)
                {
                    throw Error($"'{value}' is not key=value: '{path}' is an object, and --add adds key=value members to it");
                }

                var member = path.Append(PathStep.Property(value[..equals]));
                Assign(target, member, ParseValue(value[(equals + 1)..]));
            }

            return;
        }

        var items = Items(values);
        var list = (JsonArray)target.Materialize(new JsonArray());
        foreach (var item in items)
        {
            var position = target.Item(list.Count, $"{path}[{list.Count.ToString(CultureInfo.InvariantCulture)}]");
            list.Add(Convert(item, position));
        }
    }

    private void Remove(ResourcePath path, string? index)
    {
        if (index is not null)
        {
            if (!int.TryParse(index, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
            {
                throw Error($"'{index}' is not a list index (for example 0, or -1 for the last element)");
            }

            path = path.Append(PathStep.At(i));
        }

        var parent = Walk(path, path.Steps.Length - 1);
        var last = path.Steps[^1];
        if (last.Name is not { } name)
        {
            var element = Step(parent, path, path.Steps.Length - 1);
            ((JsonArray)parent.Node!).RemoveAt(element.Index);
            return;
        }

        var (target, wrapper) = ResolveForWrite(parent, path, path.Steps.Length - 1, name);
        var holder = wrapper is null ? parent : parent.Child(wrapper, parent.Path);
        if (holder.IsFree && (holder.Node is not JsonObject present || ResourcePosition.Value(present, target.Key) is null))
        {
            // A key of a free-form map (tags, settings) that is not there: az answers "Couldn't find 'x' in 'y'". A
            // property of the type that is not set is simply left unset, as az does.
            throw Error($"'{path}' is not set in scale set '{scaleSetName}': there is nothing to remove");
        }

        if (holder.Node is JsonObject obj && ResourcePosition.Value(obj, target.Key) is { } existing)
        {
            // az leaves a removed list property empty rather than absent.
            if (existing is JsonArray)
            {
                ResourcePosition.SetMember(obj, target.Key, new JsonArray());
            }
            else
            {
                obj.Remove(obj.First(p => p.Key.Equals(target.Key, StringComparison.OrdinalIgnoreCase)).Key);
            }
        }
    }

    /// <summary>Sets the last step of <paramref name="path"/> below <paramref name="parent"/> to <paramref name="value"/> (null removes it).</summary>
    private void Assign(ResourcePosition parent, ResourcePath path, JsonNode? value)
    {
        var index = path.Steps.Length - 1;
        if (path.Steps[index].Name is not { } name)
        {
            var element = Step(parent, path, index);
            ((JsonArray)parent.Node!)[element.Index] = Convert(value, element);
            return;
        }

        var (target, wrapper) = ResolveForWrite(parent, path, index, name);
        var holder = wrapper is null ? parent : parent.Child(wrapper, parent.Path);
        var converted = Convert(value, holder.Child(target, path.ToString()));
        if (converted is not null)
        {
            ResourcePosition.SetMember((JsonObject)holder.Materialize(new JsonObject(ScaleSetModelReader.NodeOptions)), target.Key, converted);
        }
        else if (holder.Node is JsonObject obj && obj.FirstOrDefault(p => p.Key.Equals(target.Key, StringComparison.OrdinalIgnoreCase)).Key is { } key)
        {
            obj.Remove(key);
        }
    }

    private ResourcePosition Walk(ResourcePath path, int count)
    {
        var position = ResourcePosition.Root(resource);
        for (var i = 0; i < count; i++)
        {
            position = Step(position, path, i);
        }

        return position;
    }

    /// <summary>Takes step <paramref name="i"/> of <paramref name="path"/> from <paramref name="position"/>.</summary>
    private ResourcePosition Step(ResourcePosition position, ResourcePath path, int i)
    {
        var step = path.Steps[i];
        if (step.Name is { } name)
        {
            var (target, wrapper) = ResolveForWrite(position, path, i, name);
            var holder = wrapper is null ? position : position.Child(wrapper, position.Path);
            return holder.Child(target, path.Prefix(i + 1));
        }

        RequireList(position, path, i);
        var count = (position.Node as JsonArray)?.Count ?? 0;
        var index = step.Index is { } k ? (k < 0 ? k + count : k) : Filter(position, path, i);
        if (index < 0 || index >= count)
        {
            throw NotFound(path, $"index {step.Index} is out of range: {Elements(path.Prefix(i), count)}");
        }

        return position.Item(index, path.Prefix(i + 1));
    }

    private (KnownMember Target, KnownMember? Wrapper) ResolveForWrite(ResourcePosition position, ResourcePath path, int i, string name)
    {
        RequireObject(position, path, i);
        var resolved = position.Resolve(name) ?? throw NotFound(path, Has(position, path.Prefix(i)));
        return resolved.Target.ReadOnly
            ? throw Error($"'{path.Prefix(i + 1)}' is read-only in scale set '{scaleSetName}': Azure sets it")
            : resolved;
    }

    private static int EqualsOutsideBrackets(string expression)
    {
        var depth = 0;
        for (var i = 0; i < expression.Length; i++)
        {
            switch (expression[i])
            {
                case '[':
                    depth++;
                    break;
                case ']':
                    depth = Math.Max(0, depth - 1);
                    break;
                case '=' when depth == 0:
                    return i;
                default:
                    break;
            }
        }

        return -1;
    }

    private ResourcePath Parse(string text)
    {
        try
        {
            return ResourcePath.Parse(text);
        }
        catch (FormatException e)
        {
            throw Error(e.Message);
        }
    }

    private GenericUpdateException Error(string message) => new($"{flag}: {message}");

    /// <summary><see cref="GenericUpdate.ParseValue"/>, a refused value reported against this operation's flag.</summary>
    private JsonNode? ParseValue(string text)
    {
        try
        {
            return GenericUpdate.ParseValue(text);
        }
        catch (FormatException e)
        {
            throw Error(e.Message);
        }
    }

    private GenericUpdateException NotFound(ResourcePath path, string detail) => NotFound(path.ToString(), detail);

    private GenericUpdateException NotFound(string path, string detail) =>
        Error($"'{path}' does not exist in scale set '{scaleSetName}' ({detail})");

    private static string Describe(JsonNode? node) => node switch
    {
        JsonObject => "an object",
        JsonArray => "a list",
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "null",
        },
        _ => "null",
    };
}
