using System.Collections.Immutable;

namespace VmssGrains.Domain.Azure;

/// <summary>
/// One operation of a generic update, with its arguments as given on the command line: for <see cref="GenericUpdateKind.Set"/>
/// one <c>path=value</c>; for <see cref="GenericUpdateKind.Add"/> a path and the values; for
/// <see cref="GenericUpdateKind.Remove"/> a path and optionally a list index.
/// </summary>
/// <param name="Kind">Which operation.</param>
/// <param name="Arguments">Its arguments, in order.</param>
public sealed record GenericUpdateOperation(GenericUpdateKind Kind, ImmutableArray<string> Arguments)
{
    /// <summary>The flag as the console spells it, for messages: <c>--set</c>, <c>--add</c>, <c>--remove</c>.</summary>
    public string Flag => Kind switch
    {
        GenericUpdateKind.Set => "--set",
        GenericUpdateKind.Add => "--add",
        _ => "--remove",
    };

    /// <summary>A <c>--set path=value</c>.</summary>
    public static GenericUpdateOperation Set(string expression) => new(GenericUpdateKind.Set, [expression]);

    /// <summary>An <c>--add path value...</c>.</summary>
    public static GenericUpdateOperation Add(params string[] arguments) => new(GenericUpdateKind.Add, [.. arguments]);

    /// <summary>A <c>--remove path [index]</c>.</summary>
    public static GenericUpdateOperation Remove(params string[] arguments) => new(GenericUpdateKind.Remove, [.. arguments]);

    /// <inheritdoc/>
    public override string ToString() => $"{Flag} {string.Join(' ', Arguments)}";
}
