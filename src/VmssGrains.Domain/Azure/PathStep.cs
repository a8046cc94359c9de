namespace VmssGrains.Domain.Azure;

/// <summary>
/// One step of a <see cref="ResourcePath"/>: a property name (<c>upgradePolicy</c>), a list index (<c>[0]</c>, <c>[-1]</c>
/// for the last element, as Python and so <c>az</c> count), or a list filter (<c>[name=app]</c>: the one element whose
/// <c>name</c> is <c>app</c>).
/// </summary>
public sealed record PathStep
{
    private PathStep()
    {
    }

    /// <summary>The property name, for a name step.</summary>
    public string? Name { get; private init; }

    /// <summary>The index, for an index step; negative counts from the end.</summary>
    public int? Index { get; private init; }

    /// <summary>The property the filter compares, for a filter step.</summary>
    public string? FilterKey { get; private init; }

    /// <summary>The value the filter looks for (read like a <c>--set</c> value), for a filter step.</summary>
    public string? FilterValue { get; private init; }

    /// <summary>A property name step.</summary>
    public static PathStep Property(string name) => new() { Name = name };

    /// <summary>A list index step.</summary>
    public static PathStep At(int index) => new() { Index = index };

    /// <summary>A list filter step, <c>[key=value]</c>.</summary>
    public static PathStep Where(string key, string value) => new() { FilterKey = key, FilterValue = value };

    /// <summary>As written in a path: <c>name</c>, <c>[0]</c> or <c>[key=value]</c>.</summary>
    public override string ToString() =>
        Name ?? (Index is { } i ? $"[{i.ToString(System.Globalization.CultureInfo.InvariantCulture)}]" : $"[{FilterKey}={FilterValue}]");
}
