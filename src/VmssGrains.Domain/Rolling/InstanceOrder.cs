using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.Rolling;

/// <summary>The order in which instance ids are listed and upgraded: numerically when both are numbers.</summary>
public sealed class InstanceOrder : IComparer<string>
{
    /// <summary>The one instance.</summary>
    public static InstanceOrder Instance { get; } = new();

    /// <inheritdoc/>
    public int Compare(string? x, string? y)
    {
        if (long.TryParse(x, out var a) && long.TryParse(y, out var b))
        {
            return a.CompareTo(b);
        }

        return string.CompareOrdinal(x, y);
    }

    /// <summary>Compares zones the same way; null (regional) first.</summary>
    public static int CompareZones(string? x, string? y) => ScaleSetModelReader.CompareZones(x, y);
}
