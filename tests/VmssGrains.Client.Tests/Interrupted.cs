using System.Diagnostics;
using VmssGrains.Simulation.Driving;
using Xunit.Abstractions;

namespace VmssGrains.Client.Tests;

/// <summary>Waiting for a child process to be busy with its command, then interrupting it and checking how it ended.</summary>
public static class Interrupted
{
    /// <summary>
    /// How soon a signalled console must have exited. After the signal it only cancels its waits (at once) and stops
    /// the hosts it created: 0.2–0.7 s measured on a loaded 2-core machine. 5 s leaves room for load, and is what a
    /// host stop that ran into its own timeout (the cluster client's 5 s, the embedded silo's 10 s) would exceed;
    /// a wait that ignored the cancellation would run on for the rest of the run interrupted, a minute or more.
    /// </summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(5);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails when <paramref name="child"/> exits first or after <paramref name="limit"/>.</summary>
    public static async Task WaitUntilAsync(SignalledProcess child, Func<Task<bool>> condition, string what, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.False(child.HasExited, $"the process exited before {what}:\n{child}");
            Assert.True(clock.Elapsed < limit, $"not {what} within {limit.TotalSeconds} s:\n{child}");
            await WallTime.DelayAsync(TimeSpan.FromMilliseconds(250), CancellationToken.None);
        }
    }

    /// <summary>Sends <paramref name="signal"/> and asserts the console's answer: exit 130 within <see cref="Bound"/>, and exactly <c>error: interrupted</c> on standard error.</summary>
    public static async Task AssertAsync(SignalledProcess child, string signal, ITestOutputHelper log)
    {
        Assert.False(child.HasExited, $"the process exited before it was signalled:\n{child}");
        var clock = Stopwatch.StartNew();
        await child.SignalAsync(signal);
        var ended = await child.WaitForExitAsync(Bound);
        log.WriteLine($"SIG{signal}: {(ended ? $"exit {child.ExitCode} after {clock.Elapsed.TotalSeconds:0.00} s" : "still running")}");
        Assert.True(ended, $"still running {Bound.TotalSeconds} s after SIG{signal}:\n{child}");
        Assert.True(child.ExitCode == 130, $"exit {child.ExitCode} after SIG{signal}:\n{child}");
        Assert.Equal("error: interrupted\n", child.Err);
    }
}
