using System.Diagnostics;
using System.Globalization;

namespace VmssGrains.Benchmarks.Fleet;

/// <summary>The peak resident set size of this process.</summary>
internal static class PeakMemory
{
    /// <summary>
    /// Bytes: <c>VmHWM</c> of <c>/proc/self/status</c> on Linux (the kernel's high-water mark of resident memory),
    /// elsewhere <see cref="Process.PeakWorkingSet64"/>.
    /// </summary>
    public static long Read()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
        {
            foreach (var line in File.ReadLines(status))
            {
                // "VmHWM:	  123456 kB"
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }

        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64;
    }
}
