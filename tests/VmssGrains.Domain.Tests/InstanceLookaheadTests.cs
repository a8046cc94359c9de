using VmssGrains.Domain.Faults;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Time;
using static VmssGrains.Domain.Tests.TestData;

namespace VmssGrains.Domain.Tests;

/// <summary>
/// Steps computed ahead (<see cref="InstanceLookahead"/>): the state caught up with at any time is the state waking at
/// every step gives, and only the wake-up with an outside effect needs a timer.
/// </summary>
public sealed class InstanceLookaheadTests
{
    private static readonly TimingProfile Timing = new()
    {
        Drain = Distribution.Fixed(S(15)),
        Reimage = new Distribution(S(180), S(20)),
        Boot = new Distribution(S(60), S(10)),
        Extension = new Distribution(S(120), S(20)),
        HealthWaitTimeout = Distribution.Fixed(S(300)),
    };

    private static readonly InstanceProfile Profile = new() { Key = ProfileKey, Seed = 42, Timing = Timing };

    private static readonly ExtensionSpec App = new() { Name = "app", Fingerprint = "app-v1" };

    private static readonly UpgradeOrder Order = new()
    {
        RunId = "run-1",
        Kind = OperationKind.Upgrade,
        TargetModelVersion = 2,
        TargetImage = NewImage,
        Extensions = [App],
        LoadBalancers = ["lb1"],
        Health = new HealthCheck(HealthSourceKind.LoadBalancerProbe, S(5), 2),
        Profile = ProfileKey,
    };

    private static TimeSpan S(int seconds) => TimeSpan.FromSeconds(seconds);

    /// <summary>The whole state, arrays included (records compare immutable arrays by reference).</summary>
    private static string Json(InstanceState state) => System.Text.Json.JsonSerializer.Serialize(state);

    private static InstanceState Deployed() => InstanceMachine.Deployed(ScaleSet, "3", null, 0, 1, OldImage, [App], ["lb1"], ProfileKey, T0);

    /// <summary>Every wake-up of an upgrade, as the per-step timers delivered them: (due, token, state after).</summary>
    private static List<(DateTimeOffset Due, long Token, InstanceTransition After)> StepByStep(InstanceState state, InstanceProfile profile)
    {
        var steps = new List<(DateTimeOffset, long, InstanceTransition)>();
        var transition = InstanceMachine.Start(state, Order, profile, T0);
        var now = T0;
        while (transition.Commands.OfType<WakeInstanceAfter>().SingleOrDefault(w => w.Token > 0) is { } wake)
        {
            now += wake.Delay;
            transition = InstanceMachine.Wake(transition.State, wake.Token, profile, now);
            steps.Add((now, wake.Token, transition));
        }

        return steps;
    }

    [Fact]
    public void Compute_RollingUpgrade_OnlyTheProbesEndNeedsATimer()
    {
        var started = InstanceMachine.Start(Deployed(), Order, Profile, T0);
        var wake = Assert.Single(started.Commands.OfType<WakeInstanceAfter>());
        var steps = StepByStep(Deployed(), Profile);

        var ahead = InstanceLookahead.Compute(started.State, Profile, wake.Token, T0 + wake.Delay);

        // drain, reimage, boot, extension end unnoticed; the probe's end rejoins the pool and reports.
        Assert.Equal(5, steps.Count);
        Assert.Equal(4, ahead.Pending);
        Assert.Equal((steps[^1].Token, steps[^1].Due), (ahead.Token, ahead.Due));
        Assert.Contains(steps[^1].After.Commands, c => c is ReportOperation);
    }

    [Fact]
    public void CatchUp_AtEveryInstant_EqualsWakingAtEveryStep()
    {
        var started = InstanceMachine.Start(Deployed(), Order, Profile, T0);
        var wake = Assert.Single(started.Commands.OfType<WakeInstanceAfter>());
        var steps = StepByStep(Deployed(), Profile);
        var ahead = InstanceLookahead.Compute(started.State, Profile, wake.Token, T0 + wake.Delay);

        for (var i = 0; i < steps.Count - 1; i++)
        {
            // Just before a step ends the previous state holds; at its end (a wake-up or a call) it has ended.
            var before = i == 0 ? started.State : steps[i - 1].After.State;
            Assert.Equal(Json(before), Json(ahead.CatchUp(started.State, steps[i].Due - S(1)).State));
            Assert.Equal(Json(steps[i].After.State), Json(ahead.CatchUp(started.State, steps[i].Due).State));
        }

        var (caughtUp, rest) = ahead.CatchUp(started.State, steps[^1].Due);
        Assert.Equal(Json(steps[^2].After.State), Json(caughtUp));
        Assert.Equal(0, rest.Pending);
        Assert.Equal((steps[^1].Token, steps[^1].Due), rest.Step);
    }

    [Fact]
    public void Compute_RandomFaultArmed_NothingAhead()
    {
        var profile = Profile with { Faults = new FaultRules { UnhealthyPerInstanceHour = 0.5 } };
        var armed = InstanceMachine.ArmRandomFault(Deployed(), profile, T0).State;
        var started = InstanceMachine.Start(armed, Order, profile, T0);
        var wake = Assert.Single(started.Commands.OfType<WakeInstanceAfter>(), w => w.Token > 0);

        var ahead = InstanceLookahead.Compute(started.State, profile, wake.Token, T0 + wake.Delay);

        Assert.True(armed.RandomFaultArmed);
        Assert.Equal(0, ahead.Pending);
        Assert.Equal((wake.Token, T0 + wake.Delay), (ahead.Token, ahead.Due));
    }

    [Fact]
    public void Compute_AutomaticMode_StopsAtTheEarlyReport()
    {
        // Automatic does not wait for health: the probe's beginning reports, so the extension's end is noticed.
        var automatic = Order with { WaitForHealth = false };
        var started = InstanceMachine.Start(Deployed(), automatic, Profile, T0);
        var wake = Assert.Single(started.Commands.OfType<WakeInstanceAfter>());

        var ahead = InstanceLookahead.Compute(started.State, Profile, wake.Token, T0 + wake.Delay);

        var noticed = InstanceMachine.Wake(ahead.CatchUp(started.State, ahead.Due).State, ahead.Token, Profile, ahead.Due);
        Assert.Equal(3, ahead.Pending);
        Assert.Contains(noticed.Commands, c => c is ReportOperation);
    }

    [Fact]
    public void Wake_ComputedAhead_IsTheWakeUpTheMachineGives_FromThatVeryStateOnly()
    {
        var started = InstanceMachine.Start(Deployed(), Order, Profile, T0);
        var wake = Assert.Single(started.Commands.OfType<WakeInstanceAfter>());
        var ahead = InstanceLookahead.Compute(started.State, Profile, wake.Token, T0 + wake.Delay);

        // Before the silent steps are caught up with, nothing is handed out.
        Assert.Null(ahead.Wake(started.State, ahead.Token, Profile, ahead.Due));

        var (caught, rest) = ahead.CatchUp(started.State, ahead.Due);
        var computed = rest.Wake(caught, rest.Token, Profile, rest.Due);
        var woken = InstanceMachine.Wake(caught, rest.Token, Profile, rest.Due);
        Assert.NotNull(computed);
        Assert.Equal(Json(woken.State), Json(computed.State));
        Assert.Equal(woken.Commands.Select(c => c.ToString()).ToArray(), computed.Commands.Select(c => c.ToString()).ToArray());
        Assert.Contains(computed.Commands, c => c is ReportOperation);

        // Another state (even an equal copy), another time, another token or another profile: waking computes it again.
        Assert.Null(rest.Wake(caught with { }, rest.Token, Profile, rest.Due));
        Assert.Null(rest.Wake(caught, rest.Token, Profile, rest.Due.AddSeconds(1)));
        Assert.Null(rest.Wake(caught, rest.Token + 1, Profile, rest.Due));
        Assert.Null(rest.Wake(caught, rest.Token, Profile with { }, rest.Due));
    }
}
