namespace VmssGrains.Domain.Model;

/// <summary>Orders image versions like Azure: dotted numeric parts compared as numbers (1.10.0 after 1.9.0).</summary>
public static class VersionOrder
{
    /// <summary>Compares two version strings.</summary>
    public static int Compare(string a, string b)
    {
        var x = a.Split('.');
        var y = b.Split('.');
        for (var i = 0; i < Math.Max(x.Length, y.Length); i++)
        {
            var p = i < x.Length ? x[i] : "0";
            var q = i < y.Length ? y[i] : "0";
            var c = long.TryParse(p, out var m) && long.TryParse(q, out var n) ? m.CompareTo(n) : string.CompareOrdinal(p, q);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }
}
