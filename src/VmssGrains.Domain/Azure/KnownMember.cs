namespace VmssGrains.Domain.Azure;

/// <summary>A property known at a <see cref="ResourcePosition"/>: its key as the resource or schema spells it, and its schema when the schema names it.</summary>
internal sealed record KnownMember(string Key, SchemaMember? Schema)
{
    /// <summary>Set by Azure only.</summary>
    public bool ReadOnly => Schema?.ReadOnly ?? false;
}
