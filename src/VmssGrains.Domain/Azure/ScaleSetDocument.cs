using System.Collections.Immutable;
using System.Text;
using System.Text.Json.Nodes;

namespace VmssGrains.Domain.Azure;

/// <summary>
/// A scale set resource found in an Azure document by <see cref="AzureDocuments.ScaleSets(JsonObject)"/>: a plain resource
/// object (<c>name</c>, <c>location</c>, <c>sku</c>, <c>zones</c>, <c>properties</c>, ...) ready for
/// <see cref="Model.ScaleSetModelReader.Read"/>, and where in the document it was found.
/// </summary>
/// <param name="Source">Where it came from, e.g. <c>responses.200.body</c>, <c>parameters.parameters</c> or <c>resources[2]</c>.</param>
/// <param name="Resource">The resource, parsed with <see cref="Model.ScaleSetModelReader.NodeOptions"/> (property names match case-insensitively).</param>
public sealed record ScaleSetDocument(string Source, JsonObject Resource)
{
    /// <summary>The longest scale set name Azure accepts.</summary>
    public const int MaxNameLength = 64;

    /// <summary>The file the document was read from, if the caller said; used to name a resource that has no usable name.</summary>
    public string? FileName { get; init; }

    /// <summary>
    /// Properties of older api-versions that the document carries and that are ignored (like any unknown property),
    /// each as <c>path: why</c>. Example: the 2017 preview's <c>upgradePolicy.automaticOSUpgrade</c>.
    /// </summary>
    public ImmutableArray<string> Tolerated { get; init; } = [];

    /// <summary>
    /// A name to create the scale set under: the resource's <c>name</c> when it is a valid scale set name, otherwise
    /// one derived from <see cref="FileName"/> (REST examples name their scale set <c>{vmss-name}</c>; the
    /// <c>az vmss create</c> properties output has no name at all).
    /// </summary>
    public string SuggestedName
    {
        get
        {
            var name = Resource.TryGetPropertyValue("name", out var node) && node is JsonValue v && v.TryGetValue(out string? s) ? s : null;
            if (IsValidName(name))
            {
                return name!;
            }

            var fromFile = FileName is null ? "" : Sanitise(Path.GetFileNameWithoutExtension(FileName));
            if (fromFile.Length > 0)
            {
                return fromFile;
            }

            var fromName = name is null ? "" : Sanitise(name);
            return fromName.Length > 0 ? fromName : "vmss";
        }
    }

    /// <summary>Azure's rule for scale set names: 1–64 letters, digits, '-', '_' or '.'.</summary>
    public static bool IsValidName(string? name) => Naming.AzureNames.IsValid(Naming.NameKind.ScaleSet, name);

    /// <summary>Keeps letters, digits, '-', '_' and '.'; anything else becomes '-' (runs collapsed); trimmed to 64 characters.</summary>
    private static string Sanitise(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var keep = char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';
            if (keep)
            {
                builder.Append(c);
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var result = builder.ToString().Trim('-', '.', '_');
        return result.Length <= MaxNameLength ? result : result[..MaxNameLength].TrimEnd('-', '.', '_');
    }
}
