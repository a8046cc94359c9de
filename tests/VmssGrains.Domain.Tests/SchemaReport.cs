using System.Text.RegularExpressions;

namespace VmssGrains.Domain.Tests;

/// <summary>What <see cref="SwaggerSchema.Validate"/> found. Paths start at the validated value: <c>properties.progress.failedInstanceCount</c>, <c>disks[0].name</c>.</summary>
internal sealed partial class SchemaReport
{
    /// <summary>Values that break the schema: wrong type, value outside an enum or range, bad format, missing required member.</summary>
    public List<string> Errors { get; } = [];

    /// <summary>Members the schema does not define, on objects the extracts define completely.</summary>
    public List<string> Unknown { get; } = [];

    /// <summary>Members the extracts cannot decide on (trimmed definition or base not extracted), with the reason.</summary>
    public List<string> Unverified { get; } = [];

    /// <summary>Values whose schema was not extracted (<c>path -> $ref</c>): accepted as anything.</summary>
    public List<string> AcceptedAsAny { get; } = [];

    /// <summary>A path with array indexes replaced by <c>[*]</c>, for comparing against lists of paths.</summary>
    public static string Pattern(string path) => IndexRegex().Replace(path.Split(' ')[0], "[*]");

    /// <summary><see cref="Unknown"/> as distinct patterns, sorted.</summary>
    public IReadOnlyList<string> UnknownPatterns => [.. Unknown.Select(Pattern).Distinct().Order(StringComparer.Ordinal)];

    /// <summary><see cref="Unverified"/> as distinct patterns (reasons dropped), sorted.</summary>
    public IReadOnlyList<string> UnverifiedPatterns => [.. Unverified.Select(Pattern).Distinct().Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex IndexRegex();
}
