using System.Collections.Immutable;

namespace VmssGrains.Domain.Instances;

/// <summary>The files of a disk (<see cref="DiskState.Files"/>), kept in ordinal order.</summary>
internal static class DiskFiles
{
    /// <summary>
    /// Where <paramref name="path"/> (not among them) goes in <paramref name="files"/> to keep them in ordinal order,
    /// or -1 when they are not in order (a state written before they were kept so: they are then sorted again).
    /// </summary>
    public static int InsertionPoint(ImmutableArray<string> files, string path)
    {
        var at = files.Length;
        for (var i = 0; i < files.Length; i++)
        {
            if (i > 0 && string.CompareOrdinal(files[i - 1], files[i]) > 0)
            {
                return -1;
            }

            if (at == files.Length && string.CompareOrdinal(path, files[i]) < 0)
            {
                at = i;
            }
        }

        return at;
    }
}
