using System.Diagnostics;

namespace VmssGrains.Benchmarks.Fleet;

/// <summary>How busy the machine and this process are: a benchmark's figures mean little on a machine busy with other work.</summary>
internal static class MachineLoad
{
    /// <summary>The 1-, 5- and 15-minute load averages (<c>/proc/loadavg</c>), or "unknown" where there is none.</summary>
    public static string Averages()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) ? string.Join(", ", File.ReadAllText(path).Split(' ').Take(3)) : "unknown";
    }

    /// <summary>CPU time this process has used (every thread, user and kernel).</summary>
    public static TimeSpan ProcessCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
