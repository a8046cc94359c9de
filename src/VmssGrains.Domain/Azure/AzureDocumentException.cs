namespace VmssGrains.Domain.Azure;

/// <summary>
/// An Azure document that cannot be turned into scale set resources: an ARM template expression that is malformed or
/// uses a function the evaluator does not support, or a template parameter without a value.
/// </summary>
public sealed class AzureDocumentException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public AzureDocumentException()
        : this("the Azure document is not supported")
    {
    }

    /// <summary>Creates the exception.</summary>
    public AzureDocumentException(string message)
        : base(message)
    {
        Path = "";
    }

    /// <summary>Creates the exception.</summary>
    public AzureDocumentException(string message, Exception innerException)
        : base(message, innerException)
    {
        Path = "";
    }

    /// <summary>Creates the exception for the JSON value at <paramref name="path"/>; the message names the path.</summary>
    public AzureDocumentException(string path, string problem, string? function = null)
        : base($"{path}: {problem}")
    {
        Path = path;
        Function = function;
    }

    /// <summary>The JSON path of the value at fault, e.g. <c>resources[2].properties.virtualMachineProfile.osProfile.computerNamePrefix</c>.</summary>
    public string Path { get; }

    /// <summary>The template function at fault, when the problem is an unsupported function.</summary>
    public string? Function { get; }
}
