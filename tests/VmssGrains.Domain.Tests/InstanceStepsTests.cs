using VmssGrains.Domain.Faults;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Randomness;
using VmssGrains.Domain.Time;
using static VmssGrains.Domain.Tests.TestData;

namespace VmssGrains.Domain.Tests;

/// <summary>
/// Each step's one definition: when a plan runs it, its duration, what beginning and completing it do. Fixed
/// durations, so every value is exact.
/// </summary>
public sealed class InstanceStepsTests
{
    private static readonly TimingProfile Fixed = new()
    {
        Drain = Distribution.Fixed(S(15)),
        Reimage = Distribution.Fixed(S(180)),
        Boot = Distribution.Fixed(S(60)),
        Extension = Distribution.Fixed(S(120)),
        BakedInExtension = Distribution.Fixed(S(10)),
        HealthWaitTimeout = Distribution.Fixed(S(300)),
        Provision = Distribution.Fixed(S(240)),
        Delete = Distribution.Fixed(S(45)),
        Restart = Distribution.Fixed(S(50)),
    };

    private static readonly ExtensionSpec App = new() { Name = "app", Fingerprint = "app-v1" };

    private static readonly SeededRandom Stream = SeededRandom.For(42, "steps");

    private static TimeSpan S(int seconds) => TimeSpan.FromSeconds(seconds);

    private static InstanceState Deployed() => InstanceMachine.Deployed(ScaleSet, "0", null, 0, 1, OldImage, [App], ["lb1"], ProfileKey, T0);

    private static UpgradeOrder Order(OperationKind kind = OperationKind.Upgrade) => new()
    {
        RunId = "run-1",
        Kind = kind,
        TargetModelVersion = 2,
        TargetImage = NewImage,
        Extensions = [App],
        Health = new HealthCheck(HealthSourceKind.LoadBalancerProbe, S(5), 2),
        Profile = ProfileKey,
    };

    private static readonly InstanceProfile Profile = new() { Key = ProfileKey, Seed = 42, Timing = Fixed };

    /// <summary><paramref name="state"/> with an operation of <paramref name="order"/> at <paramref name="step"/>, not yet begun.</summary>
    private static InstanceState At(InstanceStep step, UpgradeOrder order, InstanceState? state = null) =>
        (state ?? Deployed()) with
        {
            Active = new ActiveOperation { Order = order, Plan = [step], ExtensionsToRun = order.Extensions, Random = Stream, StartedAt = T0 },
        };

    /// <summary>Draws the duration and begins the step at T0.</summary>
    private static (TimeSpan Duration, StepBegin Begun, List<InstanceCommand> Commands) Begin(InstanceState state, InstanceProfile? profile = null)
    {
        var definition = InstanceSteps.Of(state.Active!.Step);
        var random = definition.Duration(state, profile ?? Profile, state.Active.Random, out var duration);
        var commands = new List<InstanceCommand>();
        return (duration, definition.Begin(state, profile ?? Profile, random, T0, commands), commands);
    }

    private static StepEnd Complete(StepBegin begun, TimeSpan duration, List<InstanceCommand> commands) =>
        InstanceSteps.Of(begun.State.Active!.Step).Complete(begun.State, Profile, begun.Failure, T0 + duration, commands);

    private static InstanceStep[] Plan(InstanceState state, UpgradeOrder order)
    {
        var replaces = OperationPlan.ReplacesDisk(state, order);
        return [.. OperationPlan.Steps(new PlanFacts(state, order, replaces, OperationPlan.ExtensionsToRun(state, order, replaces).Length, Rollback: false))];
    }

    [Fact]
    public void EveryStep_HasExactlyOneDefinition_WithItsOwnRecordName()
    {
        Assert.Equal(Enum.GetValues<InstanceStep>(), InstanceSteps.All.Select(d => d.Step).Order());
        Assert.Equal(
            ["drain", "provision", "reimage", "boot", "restart", "delete", "extension", "probe"],
            InstanceSteps.All.Select(d => d.Name));
    }

    [Fact]
    public void Plans_RunEachDefinitionsStepsInTheListedOrder()
    {
        var two = Order() with { Extensions = [App, new ExtensionSpec { Name = "monitor" }] };

        Assert.Equal([InstanceStep.Draining, InstanceStep.Reimaging, InstanceStep.Booting, InstanceStep.Extension, InstanceStep.Extension, InstanceStep.Probing], Plan(Deployed(), two));
        Assert.Equal([InstanceStep.Provisioning, InstanceStep.Extension, InstanceStep.Probing], Plan(InstanceMachine.New(ScaleSet, "7", null, 0, NewImage, ["lb1"], ProfileKey, T0), Order(OperationKind.Provision)));
        Assert.Equal([InstanceStep.Draining, InstanceStep.Restarting, InstanceStep.Probing], Plan(Deployed(), Order(OperationKind.Restart)));
        Assert.Equal([InstanceStep.Draining, InstanceStep.Deleting], Plan(Deployed(), Order(OperationKind.Delete)));
        Assert.Equal([InstanceStep.Extension], Plan(Deployed(), Order(OperationKind.Extensions) with { RerunAllExtensions = true, Drain = false, Health = HealthCheck.None }));
        Assert.Equal(
            [InstanceStep.Reimaging, InstanceStep.Booting, InstanceStep.Extension, InstanceStep.Probing],
            OperationPlan.Steps(new PlanFacts(Deployed(), Order(OperationKind.Reimage), ReplacesDisk: true, 1, Rollback: true)).ToArray());
    }

    [Fact]
    public void Draining_LastsTimingDrain_LeavesThePoolAndGoesOn()
    {
        var (duration, begun, commands) = Begin(At(InstanceStep.Draining, Order()));
        var end = Complete(begun, duration, commands);

        Assert.Equal(S(15), duration);
        Assert.Equal((false, HealthState.Healthy, (InstanceFailure?)null), (begun.State.InPool, begun.State.Health, begun.Failure));
        Assert.Equal((false, false), (end.Finished, end.State.InPool));
        Assert.Empty(commands);
    }

    [Fact]
    public void Provisioning_LastsTimingProvision_CreatesDisksFromTheImageOnTheOrdersModel()
    {
        var fresh = InstanceMachine.New(ScaleSet, "7", null, 0, NewImage, ["lb1"], ProfileKey, T0);
        var (duration, begun, commands) = Begin(At(InstanceStep.Provisioning, Order(OperationKind.Provision), fresh));
        var end = Complete(begun, duration, commands);

        Assert.Equal(S(240), duration);
        Assert.Null(begun.Failure);
        Assert.False(end.Finished);
        Assert.Equal((1, "Canonical:ubuntu-24_04-lts:server:2.0.0", 1, 2, 2, "running"), (end.State.OsDisk.Generation, end.State.OsDisk.SourceImage, end.State.DataDisk.Generation, end.State.ModelVersion, end.State.PreviousModelVersion, end.State.PowerState));
    }

    [Fact]
    public void Provisioning_WithoutCapacity_EndsTheOperationAllocationFailedAndStopped()
    {
        var fresh = InstanceMachine.New(ScaleSet, "7", null, 0, NewImage, ["lb1"], ProfileKey, T0);
        var order = Order(OperationKind.Provision);
        var (duration, begun, commands) = Begin(At(InstanceStep.Provisioning, order, fresh), Profile with { Faults = new FaultRules { AllocationFailureProbability = 1 } });
        var end = Complete(begun, duration, commands);

        Assert.Equal(new InstanceFailure("AllocationFailed", "Allocation failed. We do not have sufficient capacity for the requested VM size in this region."), begun.Failure);
        Assert.True(end.Finished);
        Assert.Equal(((ActiveOperation?)null, "Failed", "stopped", HealthState.Unhealthy), (end.State.Active, end.State.ProvisioningState, end.State.PowerState, end.State.Health));
        Assert.Equal("AllocationFailed", Assert.IsType<ReportOperation>(Assert.Single(commands)).Report.Outcome.ErrorCode);
    }

    [Fact]
    public void Reimaging_LastsTheImagesDurationElseTimingReimage_ReplacesTheOsDiskAndAppliesAnUpgradesModel()
    {
        var state = Deployed();
        state = state with { OsDisk = state.OsDisk.WithFile("/tmp/scratch") };
        var (duration, begun, commands) = Begin(At(InstanceStep.Reimaging, Order(), state));
        var end = Complete(begun, duration, commands);
        var (ownDuration, _, _) = Begin(At(InstanceStep.Reimaging, Order() with { ReimageDuration = Distribution.Fixed(S(33)) }));

        Assert.Equal((S(180), S(33)), (duration, ownDuration));
        Assert.Equal((HealthState.Unhealthy, "stopped"), (begun.State.Health, begun.State.PowerState));
        Assert.False(end.Finished);
        Assert.Equal(new DiskState(2, "Canonical:ubuntu-24_04-lts:server:2.0.0", []), end.State.OsDisk with { Files = [] });
        Assert.Empty(end.State.OsDisk.Files.ToArray());
        Assert.Equal((NewImage, (ImageReference?)OldImage, 2, 1, 0), (end.State.Image, end.State.PreviousImage, end.State.ModelVersion, end.State.PreviousModelVersion, end.State.Extensions.Length));
    }

    [Fact]
    public void Booting_LastsTimingBoot_StartsThenRuns()
    {
        var stopped = Deployed() with { PowerState = "stopped" };
        var (duration, begun, commands) = Begin(At(InstanceStep.Booting, Order(), stopped));
        var end = Complete(begun, duration, commands);

        Assert.Equal(S(60), duration);
        Assert.Equal(("starting", "running", false), (begun.State.PowerState, end.State.PowerState, end.Finished));
    }

    [Fact]
    public void Restarting_LastsTimingRestart_UnhealthyWhileStartingThenRuns()
    {
        var (duration, begun, commands) = Begin(At(InstanceStep.Restarting, Order(OperationKind.Restart)));
        var end = Complete(begun, duration, commands);

        Assert.Equal(S(50), duration);
        Assert.Equal((HealthState.Unhealthy, "starting"), (begun.State.Health, begun.State.PowerState));
        Assert.Equal(("running", false), (end.State.PowerState, end.Finished));
    }

    [Fact]
    public void Deleting_LastsTimingDelete_EndsTheOperationDeletedAndReportsIt()
    {
        var (duration, begun, commands) = Begin(At(InstanceStep.Deleting, Order(OperationKind.Delete)));
        var end = Complete(begun, duration, commands);

        Assert.Equal(S(45), duration);
        Assert.Equal((false, HealthState.Unhealthy, "stopped"), (begun.State.InPool, begun.State.Health, begun.State.PowerState));
        Assert.True(end.Finished);
        Assert.Equal(("Deleted", (ActiveOperation?)null, (DateTimeOffset?)(T0 + S(45))), (end.State.ProvisioningState, end.State.Active, end.State.LastOperationEnd));
        var report = Assert.IsType<ReportOperation>(Assert.Single(commands)).Report;
        Assert.Equal(("run-1", OperationKind.Delete, true, "Deleted"), (report.RunId, report.Kind, report.Outcome.Succeeded, report.Summary.ProvisioningState));

        // Deleting is not gone yet; deleted is: the carrier then forgets the instance.
        Assert.Equal((false, true), (new InstanceTransition(begun.State, []).Gone, new InstanceTransition(end.State, []).Gone));
    }

    [Fact]
    public void Extension_LastsItsOwnDurationElseBakedInElseTheProfiles_UpdatingThenSucceededWithItsFiles()
    {
        var (duration, begun, commands) = Begin(At(InstanceStep.Extension, Order()));
        var end = Complete(begun, duration, commands);
        var (own, _, _) = Begin(At(InstanceStep.Extension, Order() with { Extensions = [App with { Duration = Distribution.Fixed(S(30)) }] }));
        var (baked, _, _) = Begin(At(InstanceStep.Extension, Order() with { BakedInExtensions = ["app"] }));

        Assert.Equal((S(120), S(30), S(10)), (duration, own, baked));
        Assert.Equal((HealthState.Unhealthy, "Updating"), (begun.State.Health, Assert.Single(begun.State.Extensions).ProvisioningState));
        Assert.Equal("app", InstanceSteps.Of(InstanceStep.Extension).Subject(begun.State.Active!));
        Assert.False(end.Finished);
        Assert.Equal(("Succeeded", 1), (Assert.Single(end.State.Extensions).ProvisioningState, end.State.Active!.ExtensionIndex));
        Assert.Equal([InstanceMachine.OsDiskFile("app")], end.State.OsDisk.Files.ToArray());
    }

    [Fact]
    public void Probing_LastsIntervalTimesProbes_ThenHealthy()
    {
        var (duration, begun, commands) = Begin(At(InstanceStep.Probing, Order()));
        var end = Complete(begun, duration, commands);

        Assert.Equal(S(10), duration);
        Assert.Equal((HealthState.Unhealthy, (InstanceFailure?)null), (begun.State.Health, begun.Failure));
        Assert.Equal((HealthState.Healthy, false), (end.State.Health, end.Finished));
        Assert.Empty(commands);
    }

    [Fact]
    public void Probing_AnUnhealthyVm_LastsTheHealthWaitTimeoutAndFails()
    {
        var defective = Deployed() with { ImageDefect = true };
        var (duration, begun, commands) = Begin(At(InstanceStep.Probing, Order() with { Health = new HealthCheck(HealthSourceKind.ApplicationHealthExtension, S(5), 2) }, defective));
        var end = Complete(begun, duration, commands);

        Assert.Equal(S(300), duration);
        Assert.Equal(HealthState.Initializing, begun.State.Health);
        Assert.Equal(
            new InstanceFailure("RollingUpgradeInstanceUnhealthyError", "Instance found to be unhealthy or unreachable: it did not become healthy within the health wait timeout of PT5M.", FailsProvisioning: false),
            begun.Failure);
        Assert.True(end.Finished);
        Assert.Equal(("Succeeded", HealthState.Unhealthy), (end.State.ProvisioningState, end.State.Health));
    }
}
