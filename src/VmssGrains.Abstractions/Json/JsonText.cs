using System.Text.Encodings.Web;
using System.Text.Json;

namespace VmssGrains.Abstractions.Json;

/// <summary>How the simulation writes JSON for people and tools: indented, no needless escapes (<c>+00:00</c>, not <c>\u002B00:00</c>).</summary>
public static class JsonText
{
    /// <summary>Indented, relaxed escaping.</summary>
    public static JsonSerializerOptions Indented { get; } = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Compact, relaxed escaping.</summary>
    public static JsonSerializerOptions Compact { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
