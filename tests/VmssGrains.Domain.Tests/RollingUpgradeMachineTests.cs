using System.Collections.Immutable;
using System.Text.Json.Nodes;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;
using static VmssGrains.Domain.Tests.TestData;

namespace VmssGrains.Domain.Tests;

public class RollingUpgradeMachineTests
{
    private static readonly DateTimeOffset T1 = T0.AddMinutes(10);

    private static RunState Template(RollingUpgradePolicy? policy = null, bool gated = true, bool upgradedOverAll = false, string scaleSet = ScaleSet) => new()
    {
        RunId = "run-1",
        ScaleSet = scaleSet,
        Policy = policy ?? RollingUpgradePolicy.Default,
        Gated = gated,
        UpgradedOverAll = upgradedOverAll,
    };

    private static RunState Started(RunState template, IEnumerable<string> scope) => RollingUpgradeMachine.Start(template, scope, T0).State;

    private static RunTransition Evaluate(RunState state, Dictionary<string, InstanceSummary> fleet, DateTimeOffset? now = null) =>
        RollingUpgradeMachine.Handle(state, new EvaluateDue(), fleet, now ?? T0);

    private static RunTransition Finish(RunState state, Dictionary<string, InstanceSummary> fleet, InstanceOutcome outcome, DateTimeOffset? now = null)
    {
        fleet[outcome.InstanceId] = fleet[outcome.InstanceId] with { Health = outcome.Succeeded ? HealthState.Healthy : HealthState.Unhealthy };
        return RollingUpgradeMachine.Handle(state, new InstanceFinished(outcome), fleet, now ?? T0);
    }

    /// <summary>Finishes every instance in flight successfully except <paramref name="failing"/>; returns the last transition.</summary>
    private static RunTransition FinishBatch(RunState state, Dictionary<string, InstanceSummary> fleet, params string[] failing)
    {
        var transition = new RunTransition(state, []);
        foreach (var id in state.InFlight.Order(InstanceOrder.Instance))
        {
            var outcome = failing.Contains(id)
                ? new InstanceOutcome(id, false, "VMExtensionProvisioningError", $"extension failed on {id}")
                : new InstanceOutcome(id, true);
            transition = Finish(transition.State, fleet, outcome);
        }

        return transition;
    }

    private static StartBatch SingleStartBatch(RunTransition transition) => Assert.IsType<StartBatch>(Assert.Single(transition.Commands));

    /// <summary>Commands as text: records holding an ImmutableArray compare it by reference, so compare descriptions.</summary>
    private static string Describe(RunCommand command) => command switch
    {
        StartBatch s => $"StartBatch {s.Index} [{string.Join(",", s.InstanceIds)}]",
        RunEnded r => $"RunEnded {r.Code}",
        WakeAfterPause w => $"WakeAfterPause {w.Delay.TotalSeconds}s token {w.Token}",
        EvaluateAtEndOfInstant => "EvaluateAtEndOfInstant",
        _ => command.ToString(),
    };

    private static string[] Describe(RunTransition transition) => [.. transition.Commands.Select(Describe)];

    private static string[] Describe(IEnumerable<RunCommand> commands) => [.. commands.Select(Describe)];

    [Fact]
    public void Start_TenInstances_AllPendingAndEvaluatesAtEndOfInstant()
    {
        var transition = RollingUpgradeMachine.Start(Template(), Range(0, 10), T0);

        Assert.Equal(["EvaluateAtEndOfInstant"], Describe(transition));
        Assert.Equal((0, 0, 0, 10), transition.State.Progress);
        Assert.Equal(RunStatusCode.RollingForward, transition.State.Code);
        Assert.Equal("Start", transition.State.LastAction);
        Assert.Equal(T0, transition.State.StartTime);
    }

    [Fact]
    public void Evaluate_FirstBatch_StartsTwoLowestIdsInFlight()
    {
        var fleet = ById(Regional(10));

        var transition = Evaluate(Started(Template(), Range(0, 10)), fleet);

        Assert.Equal(["StartBatch 1 [0,1]"], Describe(transition));
        Assert.Equal((0, 0, 2, 8), transition.State.Progress);
        Assert.Equal(RunPhase.InBatch, transition.State.Phase);
    }

    [Fact]
    public void InstanceFinished_NotLastOfBatch_EmitsNothing()
    {
        var fleet = ById(Regional(10));
        var state = Evaluate(Started(Template(), Range(0, 10)), fleet).State;

        var transition = Finish(state, fleet, new InstanceOutcome("0", true));

        Assert.Empty(transition.Commands);
        Assert.Equal((1, 0, 1, 8), transition.State.Progress);
    }

    [Fact]
    public void InstanceFinished_LastOfBatch_EvaluatesAtEndOfInstant()
    {
        var fleet = ById(Regional(10));
        var state = Evaluate(Started(Template(), Range(0, 10)), fleet).State;

        var transition = FinishBatch(state, fleet);

        Assert.Equal(["EvaluateAtEndOfInstant"], Describe(transition));
        Assert.Equal(RunPhase.BatchEnded, transition.State.Phase);
    }

    [Fact]
    public void InstanceFinished_InstanceNotInFlight_IsIgnored()
    {
        var fleet = ById(Regional(10));
        var state = Evaluate(Started(Template(), Range(0, 10)), fleet).State;

        var transition = RollingUpgradeMachine.Handle(state, new InstanceFinished(new InstanceOutcome("5", true)), fleet, T0);

        Assert.Empty(transition.Commands);
        Assert.Same(state, transition.State);
    }

    [Fact]
    public void Run_TenHealthyInstancesAtTwentyPercent_CompletesAfterFiveBatches()
    {
        var fleet = ById(Regional(10));
        var state = Started(Template(), Range(0, 10));
        var started = new List<StartBatch>();
        RunTransition transition;
        while (true)
        {
            transition = Evaluate(state, fleet, T1);
            if (transition.State.IsEnded)
            {
                break;
            }

            started.Add(SingleStartBatch(transition));
            state = FinishBatch(transition.State, fleet).State;
        }

        Assert.Equal(["RunEnded Completed"], Describe(transition));
        Assert.Equal(["StartBatch 1 [0,1]", "StartBatch 2 [2,3]", "StartBatch 3 [4,5]", "StartBatch 4 [6,7]", "StartBatch 5 [8,9]"], Describe(started));
        Assert.Equal(RunStatusCode.Completed, transition.State.Code);
        Assert.Equal((10, 0, 0, 0), transition.State.Progress);
        Assert.Equal(5, transition.State.Batches.Count);
        Assert.Null(transition.State.Error);
        Assert.Equal(T1, transition.State.EndTime);
    }

    [Fact]
    public void Evaluate_TooManyUnhealthyBeforeFirstBatch_FaultsBeforeRollingUpgrade()
    {
        // 12 instances at 20 %: at most 2 unhealthy; 3 are.
        var fleet = ById(Regional(12, 2, 9, 10));

        var transition = Evaluate(Started(Template(), Range(0, 12)), fleet);

        Assert.Equal(["RunEnded Faulted"], Describe(transition));
        var state = transition.State;
        Assert.Equal(RunStatusCode.Faulted, state.Code);
        Assert.Equal(RollingUpgradeErrors.BeforeRollingUpgrade, state.Error?.Code);
        Assert.Empty(state.Pending);
        Assert.Empty(state.Succeeded);
        Assert.Empty(state.Failed);
        Assert.Empty(state.InFlight);
        Assert.Empty(state.Batches);
        Assert.Equal(
            [
                new RunErrorDetail("RollingUpgradeInstanceUnhealthyError", "vmss1/virtualMachines/2", "Instance found to be unhealthy or unreachable."),
                new RunErrorDetail("RollingUpgradeInstanceUnhealthyError", "vmss1/virtualMachines/9", "Instance found to be unhealthy or unreachable."),
                new RunErrorDetail("RollingUpgradeInstanceUnhealthyError", "vmss1/virtualMachines/10", "Instance found to be unhealthy or unreachable."),
            ],
            state.Error!.Details.ToArray());
    }

    [Fact]
    public void Evaluate_AllThreeUnhealthyBeforeFirstBatch_ErrorMatchesObservedAzureOutput()
    {
        var observed = JsonNode.Parse(AzureFile("observed-outputs/Get-AzVmssRollingUpgrade.Faulted.MaxUnhealthyInstancePercentExceededBeforeRollingUpgrade.json"))!["Error"]!;
        var fleet = ById(Regional(3, 0, 1, 2));

        var error = Evaluate(Started(Template(scaleSet: "nt1"), Range(0, 3)), fleet).State.Error!;

        Assert.Equal(observed["Code"]!.GetValue<string>(), error.Code);
        Assert.Equal(observed["Message"]!.GetValue<string>(), error.Message);
        Assert.Equal(
            observed["Details"]!.AsArray().Select(d => new RunErrorDetail(d!["Code"]!.GetValue<string>(), d["Target"]!.GetValue<string>(), d["Message"]!.GetValue<string>())),
            error.Details);
    }

    [Fact]
    public void Evaluate_UnhealthyExactlyAtLimit_StillStartsBatch()
    {
        // 10 instances at 20 %: 2 unhealthy is exactly the limit; the batch shrinks to one to stay within it.
        var fleet = ById(Regional(10, 8, 9));

        var transition = Evaluate(Started(Template(), Range(0, 10)), fleet);

        Assert.Equal(["StartBatch 1 [0]"], Describe(transition));
        Assert.Equal(RunStatusCode.RollingForward, transition.State.Code);
    }

    [Fact]
    public void Evaluate_TooManyUnhealthyBeforeSecondBatch_FaultsInRollingUpgrade()
    {
        var fleet = ById(Regional(10));
        var state = FinishBatch(Evaluate(Started(Template(), Range(0, 10)), fleet).State, fleet).State;
        foreach (var id in Ids(5, 6, 7))
        {
            fleet[id] = fleet[id] with { Health = HealthState.Unhealthy };
        }

        var transition = Evaluate(state, fleet);

        Assert.Equal(["RunEnded Faulted"], Describe(transition));
        Assert.Equal(RollingUpgradeErrors.InRollingUpgrade, transition.State.Error?.Code);
        Assert.Equal(["vmss1/virtualMachines/5", "vmss1/virtualMachines/6", "vmss1/virtualMachines/7"], transition.State.Error!.Details.Select(d => d.Target));
        Assert.Equal((2, 0, 0, 8), transition.State.Progress);
    }

    [Fact]
    public void Evaluate_FailureWithZeroUpgradedLimit_FaultsAfterFirstBatchAndLeavesRestPending()
    {
        var fleet = ById(Regional(10));
        var policy = RollingUpgradePolicy.Default with { MaxUnhealthyUpgradedInstancePercent = 0 };
        var state = FinishBatch(Evaluate(Started(Template(policy), Range(0, 10)), fleet).State, fleet, "0").State;

        var transition = Evaluate(state, fleet);

        Assert.Equal(["RunEnded Faulted"], Describe(transition));
        Assert.Equal(RunStatusCode.Faulted, transition.State.Code);
        Assert.Equal(RollingUpgradeErrors.UpgradedExceeded, transition.State.Error?.Code);
        Assert.Equal([new RunErrorDetail("VMExtensionProvisioningError", "vmss1/virtualMachines/0", "extension failed on 0")], transition.State.Error!.Details.ToArray());
        Assert.Equal((1, 1, 0, 8), transition.State.Progress);
        Assert.Equal(Range(2, 8), transition.State.Pending.Order(InstanceOrder.Instance));
    }

    [Fact]
    public void Evaluate_UpgradedBreach_MessageNamesPercentThresholdAndFirstError()
    {
        var fleet = ById(Regional(10));
        var policy = RollingUpgradePolicy.Default with { MaxUnhealthyUpgradedInstancePercent = 0 };
        var state = FinishBatch(Evaluate(Started(Template(policy), Range(0, 10)), fleet).State, fleet, "0").State;

        var error = Evaluate(state, fleet).State.Error!;

        Assert.Equal(
            "Rolling Upgrade failed after exceeding the MaxUnhealthyUpgradedInstancePercent value defined in the RollingUpgradePolicy. 50% of instances are in an unhealthy state after being upgraded - more than the threshold of 0%. The most impactful error is: extension failed on 0 For details on rolling upgrades, use http://aka.ms/AzureVMSSRollingUpgrade",
            error.Message);
    }

    [Fact]
    public void Evaluate_OneOfTwoFailedAtTwentyPercent_FaultsOverUpgradedInstances()
    {
        var fleet = ById(Regional(10));
        var state = FinishBatch(Evaluate(Started(Template(), Range(0, 10)), fleet).State, fleet, "1").State;

        var transition = Evaluate(state, fleet);

        Assert.Equal(RollingUpgradeErrors.UpgradedExceeded, transition.State.Error?.Code);
    }

    [Fact]
    public void Evaluate_UpgradedOverAllSetting_DividesByAllInstancesAndContinues()
    {
        // 1 failed of 10 instances = 10 % <= 20 % (over the 2 upgraded it would be 50 %).
        var fleet = ById(Regional(10));
        var state = FinishBatch(Evaluate(Started(Template(upgradedOverAll: true, policy: RollingUpgradePolicy.Default with { MaxUnhealthyInstancePercent = 30 }), Range(0, 10)), fleet).State, fleet, "1").State;

        var transition = Evaluate(state, fleet);

        Assert.Equal(["StartBatch 2 [2,3]"], Describe(transition));
        Assert.Equal(RollingUpgradeErrors.InProgressWithFailed, transition.State.Error?.Code);
    }

    [Fact]
    public void Evaluate_FailureBelowUpgradedLimit_ContinuesWithFailedVMsError()
    {
        var fleet = ById(Regional(10));
        var policy = RollingUpgradePolicy.Default with { MaxUnhealthyUpgradedInstancePercent = 50, MaxUnhealthyInstancePercent = 30 };
        var state = FinishBatch(Evaluate(Started(Template(policy), Range(0, 10)), fleet).State, fleet, "1").State;

        var transition = Evaluate(state, fleet);

        Assert.Equal(["StartBatch 2 [2,3]"], Describe(transition));
        Assert.Equal(RunStatusCode.RollingForward, transition.State.Code);
        Assert.Equal(RollingUpgradeErrors.InProgressWithFailed, transition.State.Error?.Code);
        Assert.Equal([new RunErrorDetail("VMExtensionProvisioningError", "vmss1/virtualMachines/1", "extension failed on 1")], transition.State.Error!.Details.ToArray());
    }

    [Fact]
    public void Evaluate_AfterBatchWithPause_WakesAfterPauseInsteadOfStartingBatch()
    {
        var fleet = ById(Regional(10));
        var policy = RollingUpgradePolicy.Default with { PauseTimeBetweenBatches = TimeSpan.FromSeconds(30) };
        var state = FinishBatch(Evaluate(Started(Template(policy), Range(0, 10)), fleet).State, fleet).State;

        var transition = Evaluate(state, fleet);

        Assert.Equal(["WakeAfterPause 30s token 1"], Describe(transition));
        Assert.Equal(RunPhase.Pausing, transition.State.Phase);
    }

    [Fact]
    public void Handle_PauseElapsedThenEvaluate_StartsNextBatch()
    {
        var fleet = ById(Regional(10));
        var policy = RollingUpgradePolicy.Default with { PauseTimeBetweenBatches = TimeSpan.FromSeconds(30) };
        var pausing = Evaluate(FinishBatch(Evaluate(Started(Template(policy), Range(0, 10)), fleet).State, fleet).State, fleet).State;

        var elapsed = RollingUpgradeMachine.Handle(pausing, new PauseElapsed(1), fleet, T0.AddSeconds(30));
        var next = Evaluate(elapsed.State, fleet, T0.AddSeconds(30));

        Assert.Equal(["EvaluateAtEndOfInstant"], Describe(elapsed));
        Assert.Equal(["StartBatch 2 [2,3]"], Describe(next));
    }

    [Fact]
    public void Handle_EvaluateDueWhilePausing_StartsNothing()
    {
        var fleet = ById(Regional(10));
        var policy = RollingUpgradePolicy.Default with { PauseTimeBetweenBatches = TimeSpan.FromSeconds(30) };
        var pausing = Evaluate(FinishBatch(Evaluate(Started(Template(policy), Range(0, 10)), fleet).State, fleet).State, fleet).State;

        var transition = Evaluate(pausing, fleet);

        Assert.Empty(transition.Commands);
        Assert.Equal(RunPhase.Pausing, transition.State.Phase);
    }

    [Fact]
    public void Handle_StalePauseToken_IsIgnored()
    {
        var fleet = ById(Regional(10));
        var policy = RollingUpgradePolicy.Default with { PauseTimeBetweenBatches = TimeSpan.FromSeconds(30) };
        var pausing = Evaluate(FinishBatch(Evaluate(Started(Template(policy), Range(0, 10)), fleet).State, fleet).State, fleet).State;

        var transition = RollingUpgradeMachine.Handle(pausing, new PauseElapsed(0), fleet, T0.AddSeconds(30));

        Assert.Empty(transition.Commands);
        Assert.Equal(RunPhase.Pausing, transition.State.Phase);
    }

    [Fact]
    public void Evaluate_AfterLastBatchWithPause_CompletesWithoutPausing()
    {
        var fleet = ById(Regional(2));
        var policy = RollingUpgradePolicy.Default with { PauseTimeBetweenBatches = TimeSpan.FromSeconds(30), MaxBatchInstancePercent = 100, MaxUnhealthyInstancePercent = 100 };
        var state = FinishBatch(Evaluate(Started(Template(policy), Range(0, 2)), fleet).State, fleet).State;

        var transition = Evaluate(state, fleet);

        Assert.Equal(["RunEnded Completed"], Describe(transition));
    }

    [Fact]
    public void Cancel_WhileBatchInFlight_EmitsNothingAndRecordsCancel()
    {
        var fleet = ById(Regional(10));
        var inBatch = Evaluate(Started(Template(), Range(0, 10)), fleet).State;

        var transition = RollingUpgradeMachine.Handle(inBatch, new CancelRequested(), fleet, T1);

        Assert.Empty(transition.Commands);
        Assert.Equal(RunStatusCode.RollingForward, transition.State.Code);
        Assert.Equal("Cancel", transition.State.LastAction);
        Assert.Equal(T1, transition.State.LastActionTime);
    }

    [Fact]
    public void Cancel_WhileBatchInFlight_BatchFinishesThenCancelled()
    {
        var fleet = ById(Regional(10));
        var inBatch = Evaluate(Started(Template(), Range(0, 10)), fleet).State;
        var cancelling = RollingUpgradeMachine.Handle(inBatch, new CancelRequested(), fleet, T1).State;

        var ended = FinishBatch(cancelling, fleet);
        var transition = Evaluate(ended.State, fleet);

        Assert.Equal(["EvaluateAtEndOfInstant"], Describe(ended));
        Assert.Equal(["RunEnded Cancelled"], Describe(transition));
        Assert.Equal(RunStatusCode.Cancelled, transition.State.Code);
        Assert.Equal("Cancel", transition.State.LastAction);
        Assert.Equal((2, 0, 0, 8), transition.State.Progress);
    }

    [Fact]
    public void Cancel_WhilePausing_CancelsAtOnce()
    {
        var fleet = ById(Regional(10));
        var policy = RollingUpgradePolicy.Default with { PauseTimeBetweenBatches = TimeSpan.FromMinutes(5) };
        var pausing = Evaluate(FinishBatch(Evaluate(Started(Template(policy), Range(0, 10)), fleet).State, fleet).State, fleet).State;

        var transition = RollingUpgradeMachine.Handle(pausing, new CancelRequested(), fleet, T1);

        Assert.Equal(["RunEnded Cancelled"], Describe(transition));
        Assert.Equal(RunStatusCode.Cancelled, transition.State.Code);
        Assert.Equal("Cancel", transition.State.LastAction);
        Assert.Equal(T1, transition.State.EndTime);
    }

    [Fact]
    public void Evaluate_ProtectedInstanceInScope_DropsOutOfPending()
    {
        var fleet = ById(Regional(10));
        var state = Started(Template(), Range(0, 10));
        fleet["0"] = fleet["0"] with { ProtectFromScaleSetActions = true, ProtectFromScaleIn = true };

        var transition = Evaluate(state, fleet);

        Assert.Equal(["StartBatch 1 [1,2]"], Describe(transition));
        Assert.DoesNotContain("0", transition.State.Pending);
        Assert.Equal((0, 0, 2, 7), transition.State.Progress);
    }

    [Fact]
    public void Evaluate_EmptyScope_CompletesWithAllCountersZero()
    {
        var fleet = ById(Regional(10));

        var transition = Evaluate(Started(Template(), []), fleet);

        Assert.Equal(["RunEnded Completed"], Describe(transition));
        Assert.Equal(RunStatusCode.Completed, transition.State.Code);
        Assert.Equal((0, 0, 0, 0), transition.State.Progress);
        Assert.Empty(transition.State.Batches);
    }

    [Fact]
    public void Evaluate_Ungated_OneBatchOfEverythingDespiteUnhealthy()
    {
        var fleet = ById(Regional(10, 1, 2, 3, 4, 5));

        var transition = Evaluate(Started(Template(gated: false), Range(0, 10)), fleet);

        Assert.Equal(["StartBatch 1 [0,1,2,3,4,5,6,7,8,9]"], Describe(transition));
    }

    [Fact]
    public void Evaluate_UngatedBatchWithFailures_FailsWithTheFirstInstanceError()
    {
        var fleet = ById(Regional(4));
        var state = FinishBatch(Evaluate(Started(Template(gated: false), Range(0, 4)), fleet).State, fleet, "2", "0", "1").State;

        var transition = Evaluate(state, fleet);

        // Automatic, update-instances and reimage fail with the instance's own error, not a rolling-upgrade code.
        Assert.Equal(["RunEnded Failed"], Describe(transition));
        var error = transition.State.Error!;
        Assert.Equal("VMExtensionProvisioningError", error.Code);
        Assert.Equal("extension failed on 0", error.Message);
        Assert.Equal(
            [("VMExtensionProvisioningError", "vmss1/virtualMachines/0", "extension failed on 0"), ("VMExtensionProvisioningError", "vmss1/virtualMachines/1", "extension failed on 1"), ("VMExtensionProvisioningError", "vmss1/virtualMachines/2", "extension failed on 2")],
            error.Details.Select(d => (d.Code, d.Target, d.Message)));
        Assert.Equal((1, 3, 0, 0), transition.State.Progress);
    }

    [Fact]
    public void Evaluate_UngatedBatchWithoutFailures_CompletesWithoutError()
    {
        var fleet = ById(Regional(4));
        var state = FinishBatch(Evaluate(Started(Template(gated: false), Range(0, 4)), fleet).State, fleet).State;

        var transition = Evaluate(state, fleet);

        Assert.Equal(["RunEnded Completed"], Describe(transition));
        Assert.Null(transition.State.Error);
        Assert.Equal((4, 0, 0, 0), transition.State.Progress);
    }

    [Theory]
    [InlineData(RunKind.OSUpgrade)]
    [InlineData(RunKind.ExtensionUpgrade)]
    public void Evaluate_ExplicitRunWithNothingInScopeOnAnUnhealthyFleet_FaultsBeforeAnyBatch(RunKind kind)
    {
        // 4 instances already on the target, 3 of them unhealthy: 75 % > 20 %.
        var fleet = ById([.. Regional(4).Select(i => i.InstanceId == "3" ? i : i with { Health = HealthState.Unhealthy })]);

        var transition = Evaluate(Started(Template() with { Kind = kind }, []), fleet);

        Assert.Equal(["RunEnded Faulted"], Describe(transition));
        Assert.Equal(RollingUpgradeErrors.BeforeRollingUpgrade, transition.State.Error?.Code);
        Assert.Equal(["vmss1/virtualMachines/0", "vmss1/virtualMachines/1", "vmss1/virtualMachines/2"], transition.State.Error!.Details.Select(d => d.Target));
        Assert.Equal((0, 0, 0, 0), transition.State.Progress);
    }

    [Theory]
    [InlineData(RunKind.OSUpgrade)]
    [InlineData(RunKind.ExtensionUpgrade)]
    public void Evaluate_ExplicitRunWithNothingInScopeOnAHealthyFleet_Completes(RunKind kind)
    {
        var fleet = ById(Regional(4));

        var transition = Evaluate(Started(Template() with { Kind = kind }, []), fleet);

        Assert.Equal(["RunEnded Completed"], Describe(transition));
        Assert.Null(transition.State.Error);
    }

    [Fact]
    public void Evaluate_ModelUpdateWithNothingStaleOnAnUnhealthyFleet_CompletesWithoutCheck()
    {
        var fleet = ById([.. Regional(4).Select(i => i with { Health = HealthState.Unhealthy })]);

        var transition = Evaluate(Started(Template() with { Kind = RunKind.RollingUpgrade }, []), fleet);

        Assert.Equal(["RunEnded Completed"], Describe(transition));
    }

    [Fact]
    public void Handle_RunEnded_IgnoresFurtherEvents()
    {
        var fleet = ById(Regional(10));
        var ended = Evaluate(Started(Template(), []), fleet).State;

        var transition = Evaluate(ended, fleet);

        Assert.Empty(transition.Commands);
        Assert.Same(ended, transition.State);
    }

    [Fact]
    public void Evaluate_ZonedFleet_RecordsBatchZone()
    {
        var fleet = ById([Instance("0", "2"), Instance("1", "1"), Instance("2", "2"), Instance("3", "1"), Instance("4", "1")]);

        var transition = Evaluate(Started(Template(), Range(0, 5)), fleet);

        Assert.Equal(["StartBatch 1 [1]"], Describe(transition));
        Assert.Equal("1", transition.State.Batches[0].Zone);
    }
}
