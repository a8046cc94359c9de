using System.Text.Json;
using System.Text.Json.Nodes;

namespace VmssGrains.Domain.Azure;

/// <summary>
/// A place in a scale set resource (REST shape) during a generic update: what the schema says it holds, the node there
/// (null while absent), and its witnesses, the nodes at the same place of every sibling list element (the resource's
/// own evidence of what a trimmed or unextracted definition holds). A property is known at an object position when the
/// schema names it or a witness holds it. Member names match case-insensitively, as Azure's do.
/// </summary>
internal sealed class ResourcePosition
{
    private const string Wrapper = "properties";

    private ResourcePosition(SchemaNode schema, JsonNode? node, IReadOnlyList<JsonNode> witnesses, string path, ResourcePosition? parent, string? key, int index)
    {
        Schema = schema;
        Node = node;
        Witnesses = witnesses;
        Path = path;
        Parent = parent;
        Key = key;
        Index = index;
    }

    /// <summary>What the schema says the position holds.</summary>
    public SchemaNode Schema { get; }

    /// <summary>The node here; null while absent (it is created when something is written into it).</summary>
    public JsonNode? Node { get; private set; }

    /// <summary>Nodes at the same place in the resource: this one and those of the other elements of the lists on the way.</summary>
    public IReadOnlyList<JsonNode> Witnesses { get; }

    /// <summary>The path in az's form, for messages; empty at the root.</summary>
    public string Path { get; }

    /// <summary>The index of a list element position.</summary>
    public int Index { get; }

    private ResourcePosition? Parent { get; }

    private string? Key { get; }

    /// <summary>Free-form content: a map and everything inside it.</summary>
    public bool IsFree => Schema.Kind is SchemaKind.Map or SchemaKind.Any;

    /// <summary>The root of <paramref name="resource"/>, a scale set.</summary>
    public static ResourcePosition Root(JsonObject resource) => new(ResourceSchema.ScaleSet, resource, [resource], "", null, null, -1);

    /// <summary>The member <paramref name="member"/> of this object position.</summary>
    public ResourcePosition Child(KnownMember member, string path)
    {
        var schema = Schema.Kind switch
        {
            SchemaKind.Map => Schema.Values,
            SchemaKind.Any => SchemaNode.Any,
            _ => member.Schema?.Node ?? SchemaNode.Unknown,
        };
        var witnesses = Witnesses.OfType<JsonObject>().Select(w => Value(w, member.Key)).OfType<JsonNode>().ToList();
        return new ResourcePosition(schema, Value(Node as JsonObject, member.Key), witnesses, path, this, member.Key, -1);
    }

    /// <summary>Element <paramref name="index"/> of this list position (absent when it is past the end, a new element, or -1, any element).</summary>
    public ResourcePosition Item(int index, string path)
    {
        var schema = Schema.Kind is SchemaKind.Array or SchemaKind.Any ? Schema.Items : SchemaNode.Unknown;
        var node = Node is JsonArray a && index >= 0 && index < a.Count ? a[index] : null;
        var witnesses = Witnesses.OfType<JsonArray>().SelectMany(a => a).OfType<JsonNode>().ToList();
        return new ResourcePosition(schema, node, witnesses, path, null, null, index);
    }

    /// <summary>
    /// Where <paramref name="name"/> leads from this object position: a property of its own, else one of its flattened
    /// <c>properties</c> wrapper (az's form; also under az's renaming of a clashing name, <c>typePropertiesType</c>).
    /// A read-only property gives way to a writable one of the wrapper (an extension's <c>type</c>). Null when unknown.
    /// </summary>
    public (KnownMember Target, KnownMember? Wrapper)? Resolve(string name)
    {
        if (IsFree)
        {
            var existing = Node is JsonObject o ? o.Select(p => p.Key).FirstOrDefault(k => k.Equals(name, StringComparison.OrdinalIgnoreCase)) : null;
            return (new KnownMember(existing ?? name, null), null);
        }

        var direct = Find(name);
        if (direct is { ReadOnly: false })
        {
            return (direct, null);
        }

        if (FlattenedWrapper() is { } wrapper)
        {
            var inner = Child(wrapper, Path);
            var found = inner.Find(name) ?? (Unclash(name) is { } plain ? inner.Find(plain) : null);
            if (found is not null)
            {
                return (found, wrapper);
            }
        }

        return direct is null ? null : (direct, null);
    }

    /// <summary>The writable properties known here, in az's form (the wrapper's flattened, clashing names renamed), for messages.</summary>
    public IReadOnlyList<string> AzNames()
    {
        var wrapper = FlattenedWrapper();
        var own = Known().ToList();
        var names = own.Where(m => !m.ReadOnly && !m.Key.Equals(wrapper?.Key, StringComparison.OrdinalIgnoreCase)).Select(m => m.Key).ToList();
        if (wrapper is not null)
        {
            foreach (var m in Child(wrapper, Path).Known().Where(m => !m.ReadOnly))
            {
                var clash = own.Any(o => o.Key.Equals(m.Key, StringComparison.OrdinalIgnoreCase));
                names.Add(clash ? $"{m.Key}Properties{char.ToUpperInvariant(m.Key[0])}{m.Key[1..]}" : m.Key);
            }
        }

        return names;
    }

    /// <summary>The node here, created (with its absent parents) as <paramref name="empty"/> when absent.</summary>
    public JsonNode Materialize(JsonNode empty)
    {
        if (Node is not null)
        {
            return Node;
        }

        if (Parent is null || Key is null)
        {
            throw new InvalidOperationException($"'{Path}' cannot be created here");
        }

        var holder = (JsonObject)Parent.Materialize(new JsonObject(Model.ScaleSetModelReader.NodeOptions));
        SetMember(holder, Key, empty);
        Node = empty;
        return empty;
    }

    /// <summary>Sets <paramref name="key"/> (any case: an existing member keeps its spelling and place).</summary>
    public static void SetMember(JsonObject target, string key, JsonNode? value)
    {
        var existing = target.Select(p => p.Key).FirstOrDefault(k => k.Equals(key, StringComparison.OrdinalIgnoreCase));
        target[existing ?? key] = value;
    }

    /// <summary>The member's value, or null when it is absent or JSON null.</summary>
    public static JsonNode? Value(JsonObject? obj, string key) =>
        AzureJsonPath.Find(obj, key, out var value) && value is not null && !(value is JsonValue v && v.GetValueKind() == JsonValueKind.Null) ? value : null;

    private KnownMember? Find(string name)
    {
        if (Schema.Kind == SchemaKind.Object && Schema.Member(name) is { } member)
        {
            return new KnownMember(member.Name, member);
        }

        var key = Witnesses.OfType<JsonObject>().SelectMany(w => w.Select(p => p.Key)).FirstOrDefault(k => k.Equals(name, StringComparison.OrdinalIgnoreCase));
        return key is null ? null : new KnownMember(key, null);
    }

    private IEnumerable<KnownMember> Known()
    {
        var schema = Schema.Kind == SchemaKind.Object ? Schema.Members.Select(m => new KnownMember(m.Name, m)).ToList() : [];
        var witnessed = Witnesses.OfType<JsonObject>().SelectMany(w => w.Select(p => p.Key))
            .Where(k => !schema.Any(m => m.Key.Equals(k, StringComparison.OrdinalIgnoreCase)))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(k => new KnownMember(k, null));
        return schema.Concat(witnessed);
    }

    /// <summary>The <c>properties</c> wrapper az flattens: the schema's flattened one, or, where the schema is silent, one the resource holds.</summary>
    private KnownMember? FlattenedWrapper()
    {
        if (Schema.Kind == SchemaKind.Object && Schema.Member(Wrapper) is { } member)
        {
            return member.Flattened ? new KnownMember(member.Name, member) : null;
        }

        return Witnesses.OfType<JsonObject>().Any(w => Value(w, Wrapper) is JsonObject) ? Find(Wrapper) : null;
    }

    /// <summary>az's name for a wrapped property whose name clashes with one of the outer object: <c>typePropertiesType</c> for <c>type</c>.</summary>
    private static string? Unclash(string name)
    {
        for (var i = name.IndexOf("Properties", StringComparison.Ordinal); i > 0; i = name.IndexOf("Properties", i + 1, StringComparison.Ordinal))
        {
            var (outer, inner) = (name[..i], name[(i + "Properties".Length)..]);
            if (outer.Equals(inner, StringComparison.OrdinalIgnoreCase))
            {
                return inner;
            }
        }

        return null;
    }
}
