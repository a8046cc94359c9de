namespace VmssGrains.Domain.Azure;

/// <summary>What <see cref="ResourceSchema"/> says a position of a scale set resource holds.</summary>
public sealed class SchemaNode
{
    private readonly Lazy<SchemaNode>? items;

    /// <summary>A node; <paramref name="items"/> describes the elements of an array or the values of a map.</summary>
    /// <param name="kind">What kind of value the position holds.</param>
    /// <param name="definition">The schema definition, if the node is one.</param>
    /// <param name="members">The properties of an object.</param>
    /// <param name="items">The elements of an array, or the values of a map.</param>
    /// <param name="complete">False when the definition was trimmed or inherits from one not extracted.</param>
    /// <param name="scalarType">The JSON type of a scalar.</param>
    internal SchemaNode(SchemaKind kind, string? definition = null, IReadOnlyList<SchemaMember>? members = null, Func<SchemaNode>? items = null, bool complete = true, string? scalarType = null)
    {
        Kind = kind;
        ScalarType = scalarType;
        Definition = definition;
        Members = members ?? [];
        this.items = items is null ? null : new Lazy<SchemaNode>(items);
        IsComplete = complete;
    }

    /// <summary>A position the extracts do not describe.</summary>
    public static SchemaNode Unknown { get; } = new(SchemaKind.Unknown, complete: false);

    /// <summary>The content of a free-form map: anything goes.</summary>
    public static SchemaNode Any { get; } = new(SchemaKind.Any);

    /// <summary>What kind of value the position holds.</summary>
    public SchemaKind Kind { get; }

    /// <summary>The schema definition, e.g. <c>UpgradePolicy</c>; null for inline schemas.</summary>
    public string? Definition { get; }

    /// <summary>The JSON type of a <see cref="SchemaKind.Scalar"/>: <c>string</c>, <c>integer</c>, <c>number</c> or <c>boolean</c>.</summary>
    public string? ScalarType { get; }

    /// <summary>The properties of an <see cref="SchemaKind.Object"/>, in the schema's order.</summary>
    public IReadOnlyList<SchemaMember> Members { get; }

    /// <summary>The elements of an <see cref="SchemaKind.Array"/>; <see cref="Any"/> inside a map, <see cref="Unknown"/> otherwise.</summary>
    public SchemaNode Items => Kind == SchemaKind.Array && items is not null ? items.Value : Kind == SchemaKind.Any ? Any : Unknown;

    /// <summary>The values of a <see cref="SchemaKind.Map"/> (its <c>additionalProperties</c>: strings for <c>tags</c>); <see cref="Any"/> when the schema does not say.</summary>
    public SchemaNode Values => Kind == SchemaKind.Map && items is not null ? items.Value : Any;

    /// <summary>False when the extracts trimmed the definition (<c>x-trimmed</c>) or it inherits from one they do not hold.</summary>
    public bool IsComplete { get; }

    /// <summary>The property named <paramref name="name"/> (any case), or null.</summary>
    public SchemaMember? Member(string name) =>
        Members.FirstOrDefault(m => m.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <inheritdoc/>
    public override string ToString() => Definition ?? Kind.ToString();
}
