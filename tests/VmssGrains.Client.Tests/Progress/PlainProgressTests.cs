using VmssGrains.Client.Rendering;
using VmssGrains.Grains.Hosting;

namespace VmssGrains.Client.Tests.Progress;

/// <summary>
/// Plain progress lines, driven on a fake wall clock with a monitor's counters and a simulated time set by the test: none
/// in the first 5 s, then one at every multiple of 5 s with the rate over the time since the one before, and a last line
/// with the average when the run ended (only after a line, unless always).
/// </summary>
public sealed class PlainProgressTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly SimulationMonitor monitor = new();
    private readonly FakeWall wall = new();
    private readonly StringWriter error = new();
    private DateTimeOffset simulated = Start;

    [Fact]
    public async Task Tick_WithinTheGrace_WritesNothing_ThenALineEveryFiveWallSeconds()
    {
        var progress = await StartAsync(always: false);
        Operations(started: 1_000, ended: 600);
        simulated = Start.AddMinutes(3);

        wall.Set(TimeSpan.FromSeconds(4.9));
        Assert.False(await progress.TickAsync(CancellationToken.None));
        Assert.Equal("", error.ToString());

        wall.Set(TimeSpan.FromSeconds(5));
        Assert.True(await progress.TickAsync(CancellationToken.None));
        wall.Set(TimeSpan.FromSeconds(9.9));
        Assert.False(await progress.TickAsync(CancellationToken.None));

        Operations(started: 13_000, ended: 10_900);
        simulated = Start.AddMinutes(12).AddSeconds(30);
        wall.Set(TimeSpan.FromSeconds(10.2));
        Assert.True(await progress.TickAsync(CancellationToken.None));

        Assert.Equal(
            "progress: 600 instance operations ended, 400 under way · simulated PT3M · 120/s · 5 s wall\n" +
            "progress: 11,500 instance operations ended, 2,500 under way · simulated PT12M30S · 2,096/s · 10 s wall\n",
            error.ToString());
    }

    [Fact]
    public async Task Tick_AWakeUpLate_WritesOneLineAndKeepsToTheMultiplesOfFive()
    {
        var progress = await StartAsync(always: false);

        wall.Set(TimeSpan.FromSeconds(13));
        Assert.True(await progress.TickAsync(CancellationToken.None));
        wall.Set(TimeSpan.FromSeconds(14.9));
        Assert.False(await progress.TickAsync(CancellationToken.None));
        wall.Set(TimeSpan.FromSeconds(15));
        Assert.True(await progress.TickAsync(CancellationToken.None));

        Assert.Equal(2, error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Complete_AfterALine_WritesTheLastLineWithTheAverageRate()
    {
        var progress = await StartAsync(always: false);
        wall.Set(TimeSpan.FromSeconds(5));
        await progress.TickAsync(CancellationToken.None);

        Operations(started: 30_000, ended: 30_000);
        simulated = Start.AddMinutes(36).AddSeconds(51);
        wall.Set(TimeSpan.FromSeconds(12));
        await progress.CompleteAsync(CancellationToken.None);

        Assert.Equal(
            "progress: 0 instance operations ended, 0 under way · simulated PT0S · 0/s · 5 s wall\n" +
            "progress: done · 30,000 instance operations ended, 0 under way · simulated PT36M51S · 2,500/s on average · 12 s wall\n",
            error.ToString());
    }

    [Fact]
    public async Task Complete_ARunShorterThanTheGrace_WritesNothing_UnlessAlways()
    {
        var quiet = await StartAsync(always: false);
        Operations(started: 6, ended: 6);
        simulated = Start.AddMinutes(24).AddSeconds(21);
        wall.Set(TimeSpan.FromSeconds(2));
        await quiet.CompleteAsync(CancellationToken.None);
        Assert.Equal("", error.ToString());

        var always = await StartAsync(always: true);
        simulated = Start.AddMinutes(24).AddSeconds(21);
        wall.Set(TimeSpan.FromSeconds(2));
        await always.CompleteAsync(CancellationToken.None);
        Assert.Equal("progress: done · 6 instance operations ended, 0 under way · simulated PT24M21S · 3/s on average · 2 s wall\n", error.ToString());
    }

    /// <inheritdoc/>
    public void Dispose() => error.Dispose();

    private async Task<PlainProgress> StartAsync(bool always)
    {
        wall.Set(TimeSpan.Zero);
        simulated = Start;
        var fleet = await FleetProgress.StartAsync(["web"], monitor, () => simulated, null, wall);
        return new PlainProgress(error, fleet, always, wall);
    }

    /// <summary>Brings the monitor's counts to <paramref name="started"/> and <paramref name="ended"/> more operations.</summary>
    private void Operations(int started, int ended)
    {
        for (var i = 0; i < started; i++)
        {
            monitor.OperationChanged(false, true);
        }

        for (var i = 0; i < ended; i++)
        {
            monitor.OperationChanged(true, false);
        }
    }
}
