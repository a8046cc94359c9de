using VmssGrains.Client.Rendering;
using VmssGrains.Grains.Clock;
using VmssGrains.Grains.Hosting;
using VmssGrains.Simulation.Driving;
using VmssGrains.Simulation.Reference;
using VmssGrains.Simulation.Scenarios;

namespace VmssGrains.Client.Tests.Progress;

/// <summary>
/// The monitor's counts of instance operations started and ended, which live progress reads: exact by rule, and exact
/// after known runs on both engines (instances created with the scale set start in service, so only upgrades count).
/// </summary>
public sealed class SimulationMonitorCountTests
{
    [Fact]
    public void OperationChanged_StartsAndEnds_CountsOnlyGrowAndUnderWayIsTheirDifference()
    {
        var monitor = new SimulationMonitor();

        monitor.OperationChanged(false, true);
        monitor.OperationChanged(false, true);
        monitor.OperationChanged(true, true);
        monitor.OperationChanged(false, false);
        Assert.Equal((2, 0, 2), Counts(monitor));

        monitor.OperationChanged(true, false);
        monitor.OperationEnded();
        Assert.Equal((2, 2, 0), Counts(monitor));
        Assert.True(monitor.IsSettled);

        monitor.OperationStarted();
        Assert.Equal((3, 2, 1), Counts(monitor));
        Assert.False(monitor.IsSettled);
    }

    /// <summary>The seed's demo upgrades its 6 instances once each; fleet-small upgrades 19 × 6 + 12 = 126.</summary>
    [Theory]
    [InlineData("seed-6vm-rolling", 6)]
    [InlineData("fleet-small", 126)]
    public async Task Run_OnTheEmbeddedSilo_EndedCountIsEveryInstanceUpgradedOnce(string example, long upgrades)
    {
        var scenario = ScenarioReader.Read(await File.ReadAllTextAsync(Repo.Example(example)));
        await using var embedded = await EmbeddedCluster.StartAsync(ClockSpec.Virtual);
        using var clock = new FaultWatchingScenarioClock(embedded.ScenarioClock, embedded.Simulation.Monitor);

        await new ScenarioRunner(embedded.Grains, clock).RunAsync(scenario);

        Assert.Equal((upgrades, upgrades, 0), Counts(embedded.Simulation.Monitor));
    }

    [Theory]
    [InlineData("seed-6vm-rolling", 6)]
    [InlineData("fleet-small", 126)]
    public async Task Run_OnTheReferenceEngine_EndedCountIsEveryInstanceUpgradedOnce(string example, long upgrades)
    {
        var scenario = ScenarioReader.Read(await File.ReadAllTextAsync(Repo.Example(example)));
        var engine = new ReferenceEngine(VirtualClock.DefaultEpoch);

        await new ScenarioRunner(new ReferenceGrains(engine), new ReferenceScenarioClock(engine)).RunAsync(scenario);

        Assert.Equal((upgrades, upgrades, 0), Counts(engine.Monitor));
    }

    /// <summary>
    /// What <c>--cluster</c> reads, here from the reference engine's scale sets after fleet-small (called from this
    /// thread, the engine's own): every member's rolling upgrade completed, 126 instance upgrades ended.
    /// </summary>
    [Fact]
    public async Task RunsOfAFleet_ReadLikeACluster_CountTheUpgradesAndSummariseTheRuns()
    {
        var scenario = ScenarioReader.Read(await File.ReadAllTextAsync(Repo.Example("fleet-small")));
        var engine = new ReferenceEngine(VirtualClock.DefaultEpoch);
        var grains = new ReferenceGrains(engine);
        var fleet = await FleetProgress.StartAsync([.. scenario.ScaleSets.Select(s => s.Name)], grains, () => Task.FromResult(engine.Now));

        await new ScenarioRunner(grains, new ReferenceScenarioClock(engine)).RunAsync(scenario);

        Assert.Equal("instance upgrades", fleet.Noun);
        Assert.Equal(new FleetCounters(126, 0, engine.Now - VirtualClock.DefaultEpoch), await fleet.ReadFinalAsync(CancellationToken.None));
        Assert.Equal(["  20 scale sets · rolling upgrades: 0 under way, 20 completed, 0 faulted, 0 cancelled, 0 none yet"], await fleet.SummaryAsync(CancellationToken.None));
    }

    private static (long Started, long Ended, long UnderWay) Counts(SimulationMonitor monitor) =>
        (monitor.OperationsStarted, monitor.OperationsEnded, monitor.ActiveOperations);
}
