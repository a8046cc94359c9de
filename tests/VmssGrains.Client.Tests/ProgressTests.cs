using VmssGrains.Client.Tests.Progress;

namespace VmssGrains.Client.Tests;

/// <summary>
/// Live progress of <c>simulate</c> through the built <c>vmss</c>: on a terminal, progress lines (simulated time,
/// the scale set's run) on standard error, cleared before the report; piped, not a byte on standard error for a
/// short run.
/// </summary>
public sealed class ProgressTests
{
    /// <summary>
    /// The demo takes about a second after its silo started: nothing on standard error. On a machine loaded enough
    /// that it takes more than 5 s of wall time, progress lines are allowed, but nothing else and none before 5 s.
    /// </summary>
    [Fact]
    public async Task Simulate_StandardErrorPiped_WritesNothingToIt()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var result = await ChildProcess.RunAsync(Repo.ClientDll, ["simulate"], timeout.Token);
        Assert.Equal(0, result.ExitCode);
        if (result.Err != "")
        {
            Assert.True(result.ErrLines.Length >= 2, result.Err);
            Assert.Equal(6, ProgressLines.Last(result.Err).Count("ended"));
        }

        Assert.Contains("Scale set api (Rolling, model version 2): 6 instances, 6 on the latest model, 6 healthy", result.Out, StringComparison.Ordinal);
    }

    /// <summary>
    /// bad-image-1000 takes seconds of wall time (1,000 instances to create, then the run): the progress shows the
    /// fleet line (instance operations, simulated time, rate, wall time) and a line for the scale set read from it,
    /// then is erased, and the report follows complete.
    /// </summary>
    [SkippableFact]
    public async Task Simulate_OnATerminal_ShowsProgressThenTheCompleteReport()
    {
        Skip.IfNot(Pty.Available, $"{Pty.Script} (util-linux) is not installed");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var (exitCode, screen) = await Pty.RunAsync(Repo.ClientDll, ["simulate", "--scenario", Repo.Example("bad-image-1000")], timeout.Token);

        Assert.True(exitCode == 0, screen);
        var report = screen.IndexOf("Scenario", StringComparison.Ordinal);
        Assert.True(report > 0, screen);
        var progress = screen[..report];
        Assert.Matches(@"Simulating: [\d,]+ instance operations ended, [\d,]+ under way · simulated PT\S* · [\d,.]+/s · \d+ s wall", progress);
        Assert.Matches(@"\n  fleet: (being created|no run · in service 1000/1000|RollingUpgrade )", progress.Replace("\r", "", StringComparison.Ordinal));

        // Spectre clears its live lines (erase line, ESC [2K) before the report starts.
        Assert.Contains("\u001b[2K", progress[progress.LastIndexOf("Simulating:", StringComparison.Ordinal)..], StringComparison.Ordinal);

        var text = Pty.Plain(screen[report..]);
        Assert.DoesNotContain("Simulating:", text, StringComparison.Ordinal);
        Assert.Contains("Scenario " + Repo.Example("bad-image-1000") + " · seed 42 · clock virtual\n", text, StringComparison.Ordinal);
        Assert.Matches(@"Simulated PT17M14S from 2026-01-01T00:00:00.0000000\+00:00 in \d+\.\d s of wall time\n", text);
        Assert.Contains("Scale set fleet (Rolling, model version 2): 1000 instances, 200 on the latest model, 941 healthy\n", text, StringComparison.Ordinal);
        Assert.Contains("RollingUpgrade run started by User at PT5M: Faulted at PT17M14S · 141 succeeded, 59 failed, 800 pending\n", text, StringComparison.Ordinal);
        Assert.Contains("Load: min in service 80 % of target (800 instances) · availability 100 % · served 620,400,000 · dropped 0\n", text, StringComparison.Ordinal);
    }
}
