using System.Globalization;

namespace VmssGrains.Client.Tests;

/// <summary>
/// <c>--clock scaled:N</c> takes N from 0.01 to 1000 simulated seconds per wall second and keeps the virtual clock's
/// timeline (each grain acts at the time its event was due); above 100 <c>simulate</c> warns in one line that the
/// load balancers' figures may come out otherwise when the silo falls behind.
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
            "warning: --clock: scaled:1000 is faster than scaled:100: a silo that falls behind handles events in the order it gets to them, so the load balancers' capacity and traffic figures, and a little the times, can differ from the virtual clock's (10,000 instances at scaled:1000 on 2 cores: 70–87 % minimum in service against 66 %, the same end time); use virtual for exact figures",
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

    /// <summary>
    /// The seed's 6-VM demo ends at PT24M21S on the virtual clock. On scaled:600 each grain acts at the time its event
    /// was due, not when the silo got round to it, so it ends with the same instances at the same time, to within what
    /// a loaded machine can move (a grain that gets two events out of order acts on the earlier one at the later time);
    /// before, every step's lateness added up and it ended 12 % late on a loaded machine.
    /// </summary>
    [Fact]
    public async Task Simulate_ScaledClock_KeepsTheVirtualClocksTime()
    {
        var scenario = Path.Combine(Repo.Root, "examples", "seed-6vm-rolling.json");
        var exact = Json.ParseObject(await Cli.RunAsync("simulate", "--scenario", scenario, "--output", "json"));
        var scaled = Json.ParseObject(await Cli.RunAsync("simulate", "--scenario", scenario, "--clock", "scaled:600", "--output", "json"));

        Assert.Equal("PT24M21S", exact.Str("simulatedDuration"));
        Assert.InRange(Domain.Time.IsoDuration.Parse(scaled.Str("simulatedDuration")!), TimeSpan.Parse("00:24:21", CultureInfo.InvariantCulture), TimeSpan.Parse("00:24:50", CultureInfo.InvariantCulture));
        Assert.Equal(exact.Named("scaleSets", "api")["instances"]!.ToJsonString(), scaled.Named("scaleSets", "api")["instances"]!.ToJsonString());
    }

    /// <summary>Four instances and nothing to do: on a scaled clock it ends as soon as they are created.</summary>
    private async Task<string> WriteAsync()
    {
        var path = Path.Combine(directory, "idle.json");
        await File.WriteAllTextAsync(path, ScenarioFiles.Template().ToJsonString());
        return path;
    }
}
