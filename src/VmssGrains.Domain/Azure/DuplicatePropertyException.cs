using System.Text.Json;

namespace VmssGrains.Domain.Azure;

/// <summary>
/// A JSON object names a property twice (<see cref="JsonInput"/>). Azure's front door rejects such a body; the
/// simulator does too, instead of letting the last (or the first) one silently win.
/// </summary>
public sealed class DuplicatePropertyException : JsonException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="jsonPath">The JSON path of the second occurrence, e.g. <c>$.properties.upgradePolicy.mode</c>.</param>
    /// <param name="problem">What is wrong, without the path.</param>
    /// <param name="lineNumber">0-based line of the second occurrence.</param>
    /// <param name="bytePositionInLine">0-based byte position in that line.</param>
    public DuplicatePropertyException(string jsonPath, string problem, long lineNumber, long bytePositionInLine)
        : base($"{jsonPath}: {problem}", jsonPath, lineNumber, bytePositionInLine)
    {
        JsonPath = jsonPath;
        Problem = problem;
    }

    /// <summary>Creates the exception.</summary>
    public DuplicatePropertyException()
        : this("$", "a property is named twice", 0, 0)
    {
    }

    /// <summary>Creates the exception.</summary>
    public DuplicatePropertyException(string message)
        : this("$", message, 0, 0)
    {
    }

    /// <summary>Creates the exception.</summary>
    public DuplicatePropertyException(string message, Exception innerException)
        : base(message, innerException)
    {
        JsonPath = "$";
        Problem = message;
    }

    /// <summary>The JSON path of the second occurrence (<c>$.a.b</c>, <c>$.list[2].name</c>).</summary>
    public string JsonPath { get; }

    /// <summary>What is wrong, e.g. <c>duplicate property 'mode' (line 4, column 7)</c>.</summary>
    public string Problem { get; }
}
