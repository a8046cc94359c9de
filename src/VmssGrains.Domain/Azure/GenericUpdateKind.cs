namespace VmssGrains.Domain.Azure;

/// <summary>The three operations of <c>az</c>'s generic update, named after their flags.</summary>
public enum GenericUpdateKind
{
    /// <summary><c>--set path=value</c>: set a property or a list element.</summary>
    Set,

    /// <summary><c>--add path value...</c>: append to a list (or add key=value members to an object).</summary>
    Add,

    /// <summary><c>--remove path [index]</c>: remove a property, or a list element.</summary>
    Remove,
}
