namespace VmssGrains.Domain.Azure;

/// <summary>A property of an object in <see cref="ResourceSchema"/>.</summary>
public sealed class SchemaMember
{
    private readonly Lazy<SchemaNode> node;

    internal SchemaMember(string name, bool readOnly, bool flattened, Func<SchemaNode> node)
    {
        Name = name;
        ReadOnly = readOnly;
        Flattened = flattened;
        this.node = new Lazy<SchemaNode>(node);
    }

    /// <summary>Azure's name of the property, e.g. <c>upgradePolicy</c>.</summary>
    public string Name { get; }

    /// <summary>Set by Azure only (<c>readOnly</c> in the schema): <c>provisioningState</c>, <c>id</c>, <c>uniqueId</c>.</summary>
    public bool ReadOnly { get; }

    /// <summary>
    /// A <c>properties</c> wrapper that Azure's SDKs, and so <c>az</c>, flatten into the object that holds it
    /// (<c>x-ms-client-flatten</c>): <c>az vmss show</c> prints <c>upgradePolicy</c> where the REST API has <c>properties.upgradePolicy</c>.
    /// </summary>
    public bool Flattened { get; }

    /// <summary>What the property holds.</summary>
    public SchemaNode Node => node.Value;

    /// <inheritdoc/>
    public override string ToString() => Name;
}
