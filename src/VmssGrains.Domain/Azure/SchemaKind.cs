namespace VmssGrains.Domain.Azure;

/// <summary>What a position in a scale set resource holds, as far as <see cref="ResourceSchema"/> knows.</summary>
public enum SchemaKind
{
    /// <summary>A definition the schema extracts reference but do not hold: only what the resource itself holds there is known.</summary>
    Unknown,

    /// <summary>An object with named properties (<see cref="SchemaNode.Members"/>).</summary>
#pragma warning disable CA1720 // JSON Schema's own name for the type.
    Object,
#pragma warning restore CA1720

    /// <summary>A list; <see cref="SchemaNode.Items"/> describes its elements.</summary>
    Array,

    /// <summary>A free-form map: <c>tags</c>, an extension's <c>settings</c> and <c>protectedSettings</c>, the simulator's <c>simulation</c> objects.</summary>
    Map,

    /// <summary>A string, number or boolean.</summary>
    Scalar,

    /// <summary>Anything: the content of a free-form map.</summary>
    Any,
}
