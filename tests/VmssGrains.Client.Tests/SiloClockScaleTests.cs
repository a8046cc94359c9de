namespace VmssGrains.Client.Tests;

/// <summary>The silo's <c>Simulation:Clock</c> takes the same range of scales as <c>simulate --clock</c>, checked before it starts.</summary>
[Trait("Category", "MultiProcess")]
[Collection(ProcessClusterCollection.Name)]
public sealed class SiloClockScaleTests
{
    [Fact]
    public async Task Silo_ScaleOutOfRange_ExitsNamingTheSettingAndTheRange()
    {
        Assert.True(File.Exists(Repo.SiloDll), $"build silo/ first: {Repo.SiloDll} is missing");
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var ports = ChildProcess.FreePorts(3);

        var result = await ChildProcess.RunAsync(
            Repo.SiloDll,
            [$"--Silo:SiloPort={ports[0]}", $"--Silo:GatewayPort={ports[1]}", $"--Silo:PrimarySiloPort={ports[0]}", $"--Silo:WebPort={ports[2]}", "--Simulation:Clock=scaled:1e6"],
            deadline.Token);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("Simulation:Clock: scaled:1e6 is out of range: N must be from 0.01 to 1000 simulated seconds per wall second", result.Err, StringComparison.Ordinal);
    }
}
