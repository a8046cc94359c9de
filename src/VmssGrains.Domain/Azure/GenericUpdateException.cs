namespace VmssGrains.Domain.Azure;

/// <summary>
/// A generic update that cannot be applied: a malformed path or argument, a path that does not exist in the resource, an
/// index out of range, a value of the wrong kind, a read-only property. The message is one line that starts with the
/// flag and quotes the path, e.g. <c>--set: 'upgradePolicy.mood' does not exist in scale set 'web' (upgradePolicy has: mode, ...)</c>.
/// </summary>
public sealed class GenericUpdateException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GenericUpdateException()
        : this("the generic update cannot be applied")
    {
    }

    /// <summary>Creates the exception.</summary>
    public GenericUpdateException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public GenericUpdateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
