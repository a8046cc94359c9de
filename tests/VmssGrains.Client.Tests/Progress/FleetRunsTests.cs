using System.Collections.Immutable;
using VmssGrains.Client.Rendering;
using VmssGrains.Domain.Rolling;

namespace VmssGrains.Client.Tests.Progress;

/// <summary>The counters and summary live progress makes of the scale sets' newest rolling upgrades (<c>--cluster</c>, and the summary above 10 scale sets).</summary>
public sealed class FleetRunsTests
{
    [Fact]
    public void Observe_RunsUnderWayAndEnded_CountsEndedAndInProgressInstances()
    {
        var runs = new FleetRuns();

        runs.Observe([
            new("a", true, Run("a1", RunStatusCode.RollingForward, succeeded: 3, failed: 1, inFlight: 2, pending: 4)),
            new("b", true, Run("b1", RunStatusCode.Completed, succeeded: 10)),
            new("c", false, null),
        ]);

        Assert.Equal(14, runs.Ended);
        Assert.Equal(2, runs.UnderWay);
    }

    [Fact]
    public void Observe_ANewRunReplacesTheNewest_TheOldRunsInstancesStayCounted()
    {
        var runs = new FleetRuns();
        runs.Observe([new("a", true, Run("a1", RunStatusCode.RollingForward, succeeded: 4, inFlight: 2, pending: 4))]);
        runs.Observe([new("a", true, Run("a1", RunStatusCode.Completed, succeeded: 10))]);

        runs.Observe([new("a", true, Run("a2", RunStatusCode.RollingForward, succeeded: 1, inFlight: 2, pending: 7))]);

        Assert.Equal(11, runs.Ended);
        Assert.Equal(2, runs.UnderWay);
    }

    [Fact]
    public void Summary_RunsByOutcomeAndTheSlowestThreeUnderWayByShareDone()
    {
        var runs = new FleetRuns();
        runs.Observe([
            new("api-1", true, Run("1", RunStatusCode.RollingForward, succeeded: 500, inFlight: 200, pending: 300)),
            new("api-2", true, Run("2", RunStatusCode.RollingForward, succeeded: 100, failed: 20, inFlight: 200, pending: 680)),
            new("api-3", true, Run("3", RunStatusCode.Completed, succeeded: 1_000)),
            new("api-4", true, Run("4", RunStatusCode.Faulted, succeeded: 150, failed: 60, pending: 790)),
            new("api-5", true, Run("5", RunStatusCode.RollingForward, succeeded: 120, inFlight: 200, pending: 680)),
            new("api-6", true, Run("6", RunStatusCode.RollingForward, succeeded: 900, inFlight: 100)),
            new("api-7", true, null),
            new("api-8", false, null),
        ]);

        Assert.Equal(
            [
                "  8 scale sets · rolling upgrades: 4 under way, 1 completed, 1 faulted, 0 cancelled, 2 none yet",
                "  slowest: api-2 12 % (120 of 1,000), api-5 12 % (120 of 1,000), api-1 50 % (500 of 1,000)",
            ],
            runs.Summary());
    }

    [Fact]
    public void Summary_NothingUnderWay_OneLine()
    {
        var runs = new FleetRuns();
        runs.Observe([new("web", true, Run("1", RunStatusCode.Cancelled, succeeded: 2, pending: 4))]);

        Assert.Equal(["  1 scale set · rolling upgrades: 0 under way, 0 completed, 0 faulted, 1 cancelled, 0 none yet"], runs.Summary());
    }

    private static RunState Run(string id, RunStatusCode code, int succeeded = 0, int failed = 0, int inFlight = 0, int pending = 0)
    {
        static ImmutableHashSet<string> Ids(string prefix, int count) => [.. Enumerable.Range(0, count).Select(i => $"{prefix}{i}")];
        return new RunState
        {
            RunId = id,
            Code = code,
            Phase = code == RunStatusCode.RollingForward ? RunPhase.InBatch : RunPhase.Ended,
            Succeeded = Ids("s", succeeded),
            Failed = Ids("f", failed).ToImmutableDictionary(i => i, i => new InstanceOutcome(i, false, "VMStartTimedOut")),
            InFlight = Ids("i", inFlight),
            Pending = Ids("p", pending),
        };
    }
}
