using VmssGrains.Domain.Model;

namespace VmssGrains.Domain;

/// <summary>
/// An error the simulated Azure API returns, with Azure's code (<c>InvalidParameter</c>, <c>NotFound</c>,
/// <c>Conflict</c>, ...) and the JSON path of the property at fault. Nothing was changed.
/// </summary>
[GenerateSerializer, Alias("vmss.AzureException")]
public sealed class AzureException : Exception
{
    /// <summary>Creates an error.</summary>
    public AzureException(string code, string message, string? target = null)
        : base(message)
    {
        Code = code;
        Target = target;
    }

    /// <summary>Azure's error code.</summary>
    [Id(0)] public string Code { get; }

    /// <summary>The property at fault, when there is one.</summary>
    [Id(1)] public string? Target { get; }

    /// <summary>The first of several validation errors, the others appended to the message.</summary>
    public static AzureException From(IReadOnlyList<ValidationError> errors)
    {
        var first = errors[0];
        var message = errors.Count == 1 ? first.ToString() : $"{first} (and {errors.Count - 1} more: {string.Join("; ", errors.Skip(1))})";
        return new AzureException(first.Code, message, first.Target);
    }

    /// <summary>No such resource.</summary>
    public static AzureException NotFound(string what) => new("NotFound", what);

    /// <summary>Another operation is in the way.</summary>
    public static AzureException Conflict(string message) => new("Conflict", message);
}
