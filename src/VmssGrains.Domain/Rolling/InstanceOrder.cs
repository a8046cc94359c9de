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
        // Instance ids are digits: read without the general parser (a sort compares thousands of them).
        if (TryDigits(x, out var a) && TryDigits(y, out var b))
        {
            return a.CompareTo(b);
        }

        if (long.TryParse(x, out a) && long.TryParse(y, out b))
        {
            return a.CompareTo(b);
        }

        return string.CompareOrdinal(x, y);
    }

    /// <summary>The value of <paramref name="text"/> when it is 1 to 18 ASCII digits (what <see cref="long.TryParse(string?, out long)"/> reads the same).</summary>
    private static bool TryDigits(string? text, out long value)
    {
        value = 0;
        if (text is null || text.Length is 0 or > 18)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            value = (value * 10) + (c - '0');
        }

        return true;
    }

    /// <summary>Compares zones the same way; null (regional) first.</summary>
    public static int CompareZones(string? x, string? y) => ScaleSetModelReader.CompareZones(x, y);
}
