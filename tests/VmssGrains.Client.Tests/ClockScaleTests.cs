namespace VmssGrains.Client.Tests;

/// <summary>
/// <c>--clock scaled:N</c> takes N from 0.01 to 1000 simulated seconds per wall second; above 100 the timeline
/// cannot keep up on this machine and <c>simulate</c> says so in one warning line.
/// </summary>
public sealed class ClockScaleTests : IDisposable
{
    private const string Range = "N must be from 0.01 to 1000 simulated seconds per wall second";

    private readonly string directory = Directory.CreateTempSubdirectory("vmss-clock-scale-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData("scaled:1e6")]
    [InlineData("scaled:1e12")]
    [InlineData("scaled:1000.5")]
    [InlineData("scaled:0.001")]
    [InlineData("scaled:0")]
    [InlineData("scaled:-5")]
    [InlineData("scaled:Infinity")]
    public async Task Simulate_ScaleOutOfRange_IsUsageErrorNamingTheOptionAndTheRange(string clock)
    {
        var result = await Cli.RunAsync("simulate", "--clock", clock);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: --clock: {clock} is out of range: {Range} (see --help)", result.ErrorLine);
        Assert.Equal("", result.Out);
    }

    [Theory]
    [InlineData("scaled:NaN")]
    [InlineData("scaled:")]
    [InlineData("scaled:fast")]
    public async Task Simulate_ScaleNotANumber_IsUsageErrorListingTheClocks(string clock)
    {
        var result = await Cli.RunAsync("simulate", "--clock", clock);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: --clock: '{clock}' is not a clock; use virtual, scaled:N (N from 0.01 to 1000 simulated seconds per wall second) or real (see --help)", result.ErrorLine);
    }

    [Fact]
    public async Task Simulate_ScaleAboveWhatTheTimelineKeepsUpWith_WarnsInOneLineAndRuns()
    {
        var result = await Cli.RunAsync("simulate", "--scenario", await WriteAsync(), "--clock", "scaled:1000", "--output", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
            "warning: --clock: scaled:1000 is faster than scaled:100: the timeline cannot keep up and simulated times come out late (on a 2-core machine the 6-VM demo ends 13–19 % late at scaled:1000); use virtual for an exact timeline",
            Assert.Single(result.ErrLines));
        Assert.Equal(4, Json.ParseObject(result).Named("scaleSets", "web").Objects("instances").Count);
    }

    [Fact]
    public async Task Simulate_ScaleTheTimelineKeepsUpWith_DoesNotWarn()
    {
        var result = await Cli.RunAsync("simulate", "--scenario", await WriteAsync(), "--clock", "scaled:100", "--output", "json");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Err);
    }

    /// <summary>Four instances and nothing to do: on a scaled clock it ends as soon as they are created.</summary>
    private async Task<string> WriteAsync()
    {
        var path = Path.Combine(directory, "idle.json");
        await File.WriteAllTextAsync(path, ScenarioFiles.Template().ToJsonString());
        return path;
    }
}
