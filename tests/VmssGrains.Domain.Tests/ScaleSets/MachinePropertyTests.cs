using System.Globalization;
using CsCheck;
using VmssGrains.Domain.Faults;
using VmssGrains.Domain.Fleet;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;
using VmssGrains.Domain.ScaleSets;
using static VmssGrains.Domain.Tests.ScaleSets.MachineFleets;

namespace VmssGrains.Domain.Tests.ScaleSets;

/// <summary>
/// Properties of the scale-set machine over random fleets, policies, faults and event sequences, driven on the
/// virtual clock of <see cref="FleetDriver"/> with the real instance machines (the invariants are in <see cref="RunWatch"/>).
/// </summary>
public sealed class MachinePropertyTests
{
    private const int RunIterations = 25;

    private const int SurgeIterations = 12;

    private const int RepairIterations = 20;

    private static readonly string[] ZoneNames = ["1", "2", "3"];

    /// <summary>How the run starts: a Rolling update, an Automatic update, or a platform OS upgrade.</summary>
    public enum Start
    {
        Rolling,
        Automatic,
        Platform,
    }

    /// <summary>Something that happens during the run, <c>Seconds</c> after it starts.</summary>
    public sealed record Happening(int Seconds, int Kind, int Instance)
    {
        public override string ToString() => $"{Seconds}s:{(Kind switch { 0 => "unhealthy", 1 => "heal", _ => "cancel" })}:{Instance}";
    }

    public sealed record RunScenario(
        int N,
        int Zones,
        Start Start,
        int Batch,
        int Unhealthy,
        int Upgraded,
        bool Pause,
        bool CrossZone,
        bool Prioritize,
        bool MaxSurge,
        bool Rollback,
        int[] FailUpgrade,
        int[] UnhealthyAfter,
        int[] UnhealthyBefore,
        Happening[] Happenings,
        double AllocationFailure)
    {
        public override string ToString() =>
            $"N={N} zones={Zones} {Start} batch={Batch} unhealthy={Unhealthy} upgraded={Upgraded} pause={Pause} crossZone={CrossZone} " +
            $"prioritize={Prioritize} maxSurge={MaxSurge} rollback={Rollback} failUpgrade=[{string.Join(",", FailUpgrade)}] " +
            $"unhealthyAfter=[{string.Join(",", UnhealthyAfter)}] unhealthyBefore=[{string.Join(",", UnhealthyBefore)}] happenings=[{string.Join(" ", Happenings.AsEnumerable())}] allocationFailure={AllocationFailure}";
    }

    private static readonly Gen<RunScenario> RunScenarioGen =
        from n in Gen.Frequency((3, Gen.Int[1, 30]), (1, Gen.Int[1, 200]))
        from zones in Gen.Int[0, 3]
        from start in Gen.Enum<Start>()
        from batch in Gen.Int[5, 100]
        from unhealthy in Gen.Int[5, 100]
        from upgraded in Gen.Int[0, 100]
        from flags in Gen.Bool.Array[6]
        from failUpgrade in Gen.Int[0, n + 10].Array[0, 4]
        from unhealthyAfter in Gen.Int[0, n + 10].Array[0, 4]
        from unhealthyBefore in Gen.Int[0, n - 1].Array[0, 3]
        from happenings in Gen.Select(Gen.Int[0, 3000], Gen.Int[0, 2], Gen.Int[0, n + 10], (s, k, i) => new Happening(s, k, i)).Array[0, 4]
        from allocation in Gen.Int[0, 4]
        select new RunScenario(n, zones, start, batch, unhealthy, upgraded, flags[0], flags[1], flags[2], flags[3], flags[4], failUpgrade, unhealthyAfter, unhealthyBefore, happenings, allocation switch { 3 => 0.5, 4 => 1, _ => 0 });

    private static string[] Ids(IEnumerable<int> ids) => [.. ids.Distinct().Select(i => i.ToString(CultureInfo.InvariantCulture))];

    /// <summary>Creates the scale set of a scenario, makes its unhealthy instances so, and starts its run at T0 + 1 h.</summary>
    /// <summary>Starts the run, makes each happening happen at its time, and settles (two days at most): the driver and the run's start.</summary>
    private static (FleetDriver Driver, DateTimeOffset Started) PlayRun(RunScenario s, RunWatch watch)
    {
        var d = StartRun(s, watch);
        var started = d.Now;
        foreach (var h in s.Happenings.OrderBy(h => h.Seconds))
        {
            d.Settle(started + TimeSpan.FromSeconds(h.Seconds) - d.Now);
            Happen(d, h);
        }

        d.Settle(TimeSpan.FromDays(2));
        return (d, started);
    }

    private static FleetDriver StartRun(RunScenario s, RunWatch watch)
    {
        var faults = new FaultRules
        {
            ExtensionFailures = s.FailUpgrade.Length == 0 ? [] : [new ExtensionFault("app", 0, [.. Ids(s.FailUpgrade)])],
            UnhealthyAfterUpgrade = s.UnhealthyAfter.Length == 0 ? [] : [new ImageFault("1.1.0", 0, [.. Ids(s.UnhealthyAfter)])],
            AllocationFailureProbability = s.AllocationFailure,
        };
        var policy = Policy(s.Batch, s.Unhealthy, s.Upgraded, s.Pause ? "PT5M" : "PT0S", s.CrossZone, s.Prioritize, s.MaxSurge, s.Rollback);
        var zones = s.Zones == 0 ? null : ZoneNames[..s.Zones];
        var first = ImageCatalog.Empty.With(Version("1.0.0", T0.AddDays(-1)));
        var resource = s.Start switch
        {
            Start.Rolling => ScaleSet(s.N, zones: zones, policy: policy),
            Start.Automatic => ScaleSet(s.N, mode: "Automatic", zones: zones, policy: policy),
            _ => ScaleSet(s.N, mode: "Manual", zones: zones, policy: policy, version: null, automaticOSUpgradePolicy: AutomaticOS(useRollingPolicy: true)),
        };
        var d = FleetDriver.Create(resource, faults, first.With(Version("1.1.0", T0.AddHours(1))));
        if (s.UnhealthyBefore.Length > 0)
        {
            d.Send(new UnhealthyRequested([.. Ids(s.UnhealthyBefore)], true));
        }

        d.Advance(TimeSpan.FromHours(1));
        d.Observer = watch.Observe;
        if (s.Start == Start.Platform)
        {
            d.Send(new ImageVersionPublished(Version("1.1.0", T0.AddHours(1))));
        }
        else
        {
            d.Send(new PatchRequested(ImagePatch("1.1.0")));
        }

        return d;
    }

    private static void Happen(FleetDriver d, Happening h)
    {
        var id = h.Instance.ToString(CultureInfo.InvariantCulture);
        switch (h.Kind)
        {
            case 0 or 1 when d.S.Instances.ContainsKey(id):
                d.Send(new UnhealthyRequested([id], h.Kind == 0));
                break;
            case 2 when d.S.Run is { Gated: true, IsEnded: false }:
                d.Send(new CancelRollingUpgradeRequested());
                break;
        }
    }

    [Fact]
    public void Runs_RandomFleetsPoliciesFaultsAndEvents_KeepTheirInvariants()
    {
        RunScenarioGen.Sample(
            s =>
            {
                var watch = new RunWatch();
                var (d, _) = PlayRun(s, watch);

                // Every run ended; nothing is left busy; the machine and the instances agree on the fleet; none was lost.
                Assert.Equal(-1, d.S.ActiveRun);
                Assert.NotEmpty(watch.Ended);
                Assert.All(d.S.Instances.Values, i => Assert.False(i.Busy, $"instance {i.InstanceId} still busy"));
                Assert.Equal(d.Vms.Keys.Order(InstanceOrder.Instance), d.S.Instances.Keys.Order(InstanceOrder.Instance));
                Assert.Equal(s.N, d.S.Instances.Count);
                Assert.Empty(d.S.Surges);

                // With maxSurge and nothing made unhealthy on the way, the old instances serve until replaced.
                var surgeRun = watch.Ended[0] is { Gated: true, Policy.MaxSurge: true };
                var healthy = s.UnhealthyBefore.Length == 0 && !s.Happenings.Any(h => h.Kind == 0) && s.AllocationFailure == 0;
                if (surgeRun && healthy)
                {
                    Assert.True(watch.LowestInServiceDuringRuns >= s.N, $"in service fell to {watch.LowestInServiceDuringRuns} of {s.N}");
                }
            },
            iter: RunIterations,
            threads: 1);
    }

    [Fact]
    public void MaxSurge_InServiceNeverBelowTheCapacityDuringTheRun()
    {
        var surgeScenarios = RunScenarioGen.Select(s => s with
        {
            Start = s.Start == Start.Automatic ? Start.Rolling : s.Start,
            MaxSurge = true,
            UnhealthyBefore = [],
            Happenings = [.. s.Happenings.Where(h => h.Kind != 0)],

            // An allocation failure upgrades the old instance in place: capacity drops by design.
            AllocationFailure = 0,
        });
        surgeScenarios.Sample(
            s =>
            {
                var watch = new RunWatch();
                var (d, started) = PlayRun(s, watch);

                Assert.True(watch.LowestInServiceDuringRuns >= s.N, $"in service fell to {watch.LowestInServiceDuringRuns} of {s.N}");
                Assert.All(d.S.Timeline.Where(p => p.Time >= started), p => Assert.True(p.InService >= s.N, $"{p.InService} in service at {p.Time}"));
                Assert.Equal(s.N, d.S.Instances.Count);
            },
            iter: SurgeIterations,
            threads: 1);
    }

    public sealed record RepairScenario(int N, RepairAction Action, int GraceMinutes, Happening[] Happenings, int RunAt)
    {
        public override string ToString() => $"N={N} {Action} grace={GraceMinutes}m runAt={RunAt}s happenings=[{string.Join(" ", Happenings.AsEnumerable())}]";
    }

    private static readonly Gen<RepairScenario> RepairScenarioGen =
        from n in Gen.OneOf(Gen.Int[1, 25], Gen.Int[1, 80])
        from action in Gen.Enum<RepairAction>()
        from grace in Gen.Int[10, 30]
        from happenings in Gen.Select(Gen.Int[0, 7200], Gen.Int[0, 2], Gen.Int[0, n + 5], (s, k, i) => new Happening(s, k, i)).Array[1, 12]
        from runAt in Gen.Int[-1, 7200]
        select new RepairScenario(n, action, grace, happenings, runAt);

    [Fact]
    public void Repairs_RandomFleetsAndFailures_StayWithinTheirPacing_AndNeverDuringARun()
    {
        RepairScenarioGen.Sample(
            s =>
            {
                var d = FleetDriver.Create(ScaleSet(s.N, mode: "Manual", automaticRepairsPolicy: Repairs(s.Action.ToString(), $"PT{s.GraceMinutes}M")));
                d.Observer = (before, t) =>
                {
                    var limit = RepairPlanner.Concurrency(t.State.Model?.Capacity ?? 0);
                    Assert.True(t.State.Repairs.Count <= limit, $"{t.State.Repairs.Count} repairs at once at {d.Now}, limit {limit}");
                    Assert.All(t.State.RepairAttempts.Values, a => Assert.InRange(a, 1, RepairPlanner.MaxAttempts));
                    if (t.Commands.Any(c => c is RepairObserved { Result: "Started" }))
                    {
                        Assert.False(before.Run is { IsEnded: false } && t.State.Run is { IsEnded: false }, "a repair started during a run");
                        Assert.All(t.State.RepairHistory.Where(r => r.StartTime == d.Now), r => Assert.False(before.Instances[r.InstanceId].HasProtectionPolicy));
                    }
                };
                var start = d.Now;
                var events = s.Happenings.Select(h => (h.Seconds, Act: (Action)(() => Happen(d, h))));
                if (s.RunAt >= 0)
                {
                    events = events.Append((Seconds: s.RunAt, Act: () =>
                    {
                        if (d.S.Run is null)
                        {
                            d.Send(new ExtensionUpgradeRequested());
                        }
                    }
                    ));
                }

                foreach (var (seconds, act) in events.OrderBy(e => e.Seconds))
                {
                    d.Settle(start + TimeSpan.FromSeconds(seconds) - d.Now);
                    act();
                }

                d.Settle(TimeSpan.FromDays(1));
                Assert.Equal(d.Vms.Keys.Order(InstanceOrder.Instance), d.S.Instances.Keys.Order(InstanceOrder.Instance));
                Assert.Empty(d.S.Repairs);
                Assert.All(d.S.RepairHistory, r => Assert.NotNull(r.EndTime));
            },
            iter: RepairIterations,
            threads: 1);
    }
}
