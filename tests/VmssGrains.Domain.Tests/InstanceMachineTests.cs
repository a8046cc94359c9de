using VmssGrains.Domain.Faults;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;
using VmssGrains.Domain.Time;
using static VmssGrains.Domain.Tests.TestData;

namespace VmssGrains.Domain.Tests;

public class InstanceMachineTests
{
    private static readonly TimingProfile FixedTiming = new()
    {
        Drain = Distribution.Fixed(S(15)),
        Reimage = Distribution.Fixed(S(180)),
        Boot = Distribution.Fixed(S(60)),
        Extension = Distribution.Fixed(S(120)),
        BakedInExtension = Distribution.Fixed(S(10)),
        HealthWaitTimeout = Distribution.Fixed(S(300)),
        Provision = Distribution.Fixed(S(240)),
        Delete = Distribution.Fixed(S(60)),
        Restart = Distribution.Fixed(S(60)),
    };

    private static readonly HealthCheck Probe = new(HealthSourceKind.LoadBalancerProbe, S(5), 2);

    private static readonly ExtensionSpec App = new()
    {
        Name = "app",
        Publisher = "Microsoft.Azure.Extensions",
        Type = "CustomScript",
        Fingerprint = "app-v1",
        ScriptSource = "https://scripts.example/app.sh",
    };

    private static readonly ExtensionSpec Monitor = new() { Name = "monitor", Fingerprint = "monitor-v1", Duration = Distribution.Fixed(S(30)) };

    private static TimeSpan S(int seconds) => TimeSpan.FromSeconds(seconds);

    private static InstanceState Deployed(string id = "0", params ExtensionSpec[] extensions) =>
        InstanceMachine.Deployed(ScaleSet, id, null, 0, 1, OldImage, extensions.Length == 0 ? [App] : extensions, ["lb1"], ProfileKey, T0);

    private static UpgradeOrder Order(OperationKind kind = OperationKind.Upgrade) => new()
    {
        RunId = "run-1",
        Kind = kind,
        TargetModelVersion = 2,
        TargetImage = NewImage,
        Extensions = [App],
        LoadBalancers = ["lb1"],
        Health = Probe,
        Profile = ProfileKey,
    };

    private static readonly InstanceProfile Profile = new() { Key = ProfileKey, Seed = 42, Timing = FixedTiming };

    private static InstanceTransition Start(InstanceState state, UpgradeOrder order, DateTimeOffset now) => InstanceMachine.Start(state, order, Profile, now);

    private static InstanceTransition Wake(InstanceState state, long token, DateTimeOffset now) => InstanceMachine.Wake(state, token, Profile, now);

    /// <summary>Runs an operation to its end, following every wake-up; records each command with its simulated time.</summary>
    private static (InstanceState Final, List<(TimeSpan At, InstanceCommand Command)> Transcript) Run(InstanceState state, UpgradeOrder order, InstanceProfile? profile = null)
    {
        profile ??= Profile;
        var now = T0;
        var transcript = new List<(TimeSpan, InstanceCommand)>();
        var transition = InstanceMachine.Start(state, order, profile, now);
        while (true)
        {
            transcript.AddRange(transition.Commands.Select(c => (now - T0, c)));
            var wake = transition.Commands.OfType<WakeInstanceAfter>().SingleOrDefault();
            if (wake is null)
            {
                return (transition.State, transcript);
            }

            now += wake.Delay;
            transition = InstanceMachine.Wake(transition.State, wake.Token, profile, now);
        }
    }

    private static TimeSpan[] Delays(List<(TimeSpan At, InstanceCommand Command)> transcript) =>
        [.. transcript.Select(e => e.Command).OfType<WakeInstanceAfter>().Select(w => w.Delay)];

    private static InstanceCommand[] Commands(InstanceTransition transition) => [.. transition.Commands];

    private static void AssertDisk(int generation, string? sourceImage, string[] files, DiskState disk)
    {
        Assert.Equal(generation, disk.Generation);
        Assert.Equal(sourceImage, disk.SourceImage);
        Assert.Equal(files, disk.Files);
    }

    private static InstanceReport SingleReport(List<(TimeSpan At, InstanceCommand Command)> transcript) =>
        Assert.Single(transcript.Select(e => e.Command).OfType<ReportOperation>()).Report;

    [Fact]
    public void Upgrade_NewImage_CommandsStepByStep()
    {
        var order = Order();

        var start = Start(Deployed(), order, T0);
        var drained = Wake(start.State, 1, T0 + S(15));
        var reimaged = Wake(drained.State, 2, T0 + S(195));
        var booted = Wake(reimaged.State, 3, T0 + S(255));
        var extended = Wake(booted.State, 4, T0 + S(375));
        var probed = Wake(extended.State, 5, T0 + S(385));

        Assert.Equal([new UpdateBackends(false, false), new WakeInstanceAfter(S(15), 1)], Commands(start));
        Assert.Equal([new WakeInstanceAfter(S(180), 2)], Commands(drained));
        Assert.Equal([new WakeInstanceAfter(S(60), 3)], Commands(reimaged));
        Assert.Equal([new WakeInstanceAfter(S(120), 4)], Commands(booted));
        Assert.Equal([new WakeInstanceAfter(S(10), 5)], Commands(extended));
        Assert.Equal(2, probed.Commands.Length);
        Assert.Equal(new UpdateBackends(true, true), probed.Commands[0]);
        var report = Assert.IsType<ReportOperation>(probed.Commands[1]).Report;
        Assert.Equal(new InstanceOutcome("0", true), report.Outcome);
        Assert.Equal("run-1", report.RunId);
        Assert.Equal(OperationKind.Upgrade, report.Kind);
    }

    [Fact]
    public void Upgrade_NewImage_ReimagesOnlyOutOfPool()
    {
        var start = Start(Deployed(), Order(), T0);

        var reimaging = Wake(start.State, 1, T0 + S(15)).State;

        Assert.Equal(InstanceStep.Reimaging, reimaging.Active?.Step);
        Assert.False(reimaging.InPool);
        Assert.Equal(HealthState.Unhealthy, reimaging.Health);
        Assert.Equal("stopped", reimaging.PowerState);
    }

    [Fact]
    public void Upgrade_NewImage_EndsHealthyInPoolOnNewModel()
    {
        var (final, _) = Run(Deployed(), Order());

        Assert.Null(final.Active);
        Assert.True(final.InPool);
        Assert.Equal(HealthState.Healthy, final.Health);
        Assert.Equal("Succeeded", final.ProvisioningState);
        Assert.Equal(NewImage, final.Image);
        Assert.Equal(OldImage, final.PreviousImage);
        Assert.Equal(2, final.ModelVersion);
        Assert.Equal(1, final.PreviousModelVersion);
    }

    [Fact]
    public void Upgrade_NewImage_ReportSummaryShowsNewModelNotBusy()
    {
        var (_, transcript) = Run(Deployed(), Order());

        var summary = SingleReport(transcript).Summary;

        Assert.Equal(NewImage, summary.Image);
        Assert.Equal(2, summary.ModelVersion);
        Assert.Equal(HealthState.Healthy, summary.Health);
        Assert.Equal("Succeeded", summary.ProvisioningState);
        Assert.False(summary.Busy);
    }

    [Fact]
    public void Upgrade_NewImage_LosesFilesWrittenToOsDisk()
    {
        var state = Deployed();
        state = state with { OsDisk = state.OsDisk.WithFile("/var/log/app/debug.log") };

        var (final, _) = Run(state, Order());

        AssertDisk(2, NewImage.ToString(), [InstanceMachine.OsDiskFile("app")], final.OsDisk);
    }

    [Fact]
    public void Upgrade_NewImage_KeepsDataDiskFiles()
    {
        var state = Deployed();
        state = state with { DataDisk = state.DataDisk.WithFile("/data/app/orders.db") };

        var (final, _) = Run(state, Order());

        AssertDisk(1, null, ["/data/app/orders.db", InstanceMachine.DataDiskFile("app")], final.DataDisk);
    }

    [Fact]
    public void ReimageAll_WipesDataDisk()
    {
        var state = Deployed();
        state = state with { DataDisk = state.DataDisk.WithFile("/data/app/orders.db") };

        var (final, _) = Run(state, Order(OperationKind.ReimageAll));

        AssertDisk(2, null, [InstanceMachine.DataDiskFile("app")], final.DataDisk);
    }

    [Fact]
    public void Reimage_SameImage_ReplacesOsDiskButKeepsDataDisk()
    {
        var state = Deployed();
        state = state with { OsDisk = state.OsDisk.WithFile("/tmp/scratch"), DataDisk = state.DataDisk.WithFile("/data/app/orders.db") };

        var (final, _) = Run(state, Order(OperationKind.Reimage) with { TargetImage = OldImage });

        Assert.Equal(2, final.OsDisk.Generation);
        Assert.DoesNotContain("/tmp/scratch", final.OsDisk.Files);
        Assert.Contains("/data/app/orders.db", final.DataDisk.Files);
    }

    [Fact]
    public void Upgrade_TwoExtensions_RunInTheOrderGiven()
    {
        var first = new ExtensionSpec { Name = "first", Duration = Distribution.Fixed(S(20)) };
        var second = new ExtensionSpec { Name = "second", Duration = Distribution.Fixed(S(40)) };

        var (final, transcript) = Run(Deployed(), Order() with { Extensions = [second, first] });

        Assert.Equal([S(15), S(180), S(60), S(40), S(20), S(10)], Delays(transcript));
        Assert.Equal(["second", "first"], final.Extensions.Select(e => e.Name));
    }

    [Fact]
    public void Upgrade_SameImageChangedExtension_DoesNotReimage()
    {
        var state = Deployed("0", App, Monitor);
        state = state with { OsDisk = state.OsDisk.WithFile("/var/log/app/debug.log") };
        var order = Order() with { TargetImage = OldImage, Extensions = [App with { Fingerprint = "app-v2" }, Monitor] };

        var (final, _) = Run(state, order);

        Assert.Equal(1, final.OsDisk.Generation);
        Assert.Contains("/var/log/app/debug.log", final.OsDisk.Files);
        Assert.Equal(OldImage, final.Image);
    }

    [Fact]
    public void Upgrade_SameImageChangedExtension_RerunsOnlyTheChangedExtension()
    {
        var order = Order() with { TargetImage = OldImage, Extensions = [App with { Fingerprint = "app-v2" }, Monitor] };

        var (final, transcript) = Run(Deployed("0", App, Monitor), order);

        Assert.Equal([S(15), S(120), S(10)], Delays(transcript));
        Assert.Equal([("app", "app-v2", "Succeeded"), ("monitor", "monitor-v1", "Succeeded")], final.Extensions.Select(e => (e.Name, e.Fingerprint, e.ProvisioningState)));
    }

    [Fact]
    public void Upgrade_SameImage_AppliesModelVersionAtStart()
    {
        var order = Order() with { TargetImage = OldImage, Extensions = [App with { Fingerprint = "app-v2" }] };

        var started = Start(Deployed(), order, T0).State;

        Assert.Equal(2, started.ModelVersion);
        Assert.Equal(1, started.PreviousModelVersion);
    }

    [Fact]
    public void Upgrade_ForceUpdateTagChanged_RerunsExtension()
    {
        var order = Order() with { TargetImage = OldImage, Extensions = [App with { ForceUpdateTag = "2" }, Monitor] };

        var (_, transcript) = Run(Deployed("0", App, Monitor), order);

        Assert.Equal([S(15), S(120), S(10)], Delays(transcript));
    }

    [Fact]
    public void Upgrade_BakedInExtension_UsesBakedInDuration()
    {
        var (_, transcript) = Run(Deployed(), Order() with { BakedInExtensions = ["app"] });

        Assert.Equal([S(15), S(180), S(60), S(10), S(10)], Delays(transcript));
    }

    [Fact]
    public void Upgrade_ExtensionFaultNamesInstance_ReportsVMExtensionProvisioningError()
    {
        var order = Order();
        var profile = Profile with { Faults = new FaultRules { ExtensionFailures = [new ExtensionFault("app", 0, ["0"])] } };

        var (final, transcript) = Run(Deployed(), order, profile);

        Assert.Equal([S(15), S(180), S(60), S(120)], Delays(transcript));
        Assert.Equal(
            new InstanceOutcome("0", false, "VMExtensionProvisioningError", "VM has reported a failure when processing extension 'app'. Error message: \"Enable failed: the script exited with code 1\"."),
            SingleReport(transcript).Outcome);
        Assert.Equal(new UpdateBackends(true, false), transcript[^2].Command);
        Assert.Equal("Failed", final.ProvisioningState);
        Assert.Equal(HealthState.Unhealthy, final.Health);
        Assert.Equal("Failed", Assert.Single(final.Extensions).ProvisioningState);
    }

    [Fact]
    public void Upgrade_ExtensionFaultNamesOtherInstance_Succeeds()
    {
        var order = Order();
        var profile = Profile with { Faults = new FaultRules { ExtensionFailures = [new ExtensionFault("app", 0, ["1"])] } };

        var (_, transcript) = Run(Deployed("0"), order, profile);

        Assert.True(SingleReport(transcript).Outcome.Succeeded);
    }

    [Fact]
    public void Upgrade_FailingExtensionWithSuppressFailures_ContinuesAndSucceeds()
    {
        var order = Order() with { Extensions = [App with { SuppressFailures = true }] };
        var profile = Profile with { Faults = new FaultRules { ExtensionFailures = [new ExtensionFault("app", 0, ["0"])] } };

        var (final, transcript) = Run(Deployed(), order, profile);

        Assert.Equal([S(15), S(180), S(60), S(120), S(10)], Delays(transcript));
        Assert.Equal(new InstanceOutcome("0", true), SingleReport(transcript).Outcome);
        var status = Assert.Single(final.Extensions);
        Assert.Equal(("Failed", true), (status.ProvisioningState, status.Suppressed));
        Assert.Equal(HealthState.Healthy, final.Health);
    }

    [Fact]
    public void Upgrade_NonIdempotentExtensionFindsItsMarkerOnDataDisk_Fails()
    {
        var nonIdempotent = App with { Idempotent = false };

        var (_, transcript) = Run(Deployed("0", nonIdempotent), Order() with { Extensions = [nonIdempotent] });

        var outcome = SingleReport(transcript).Outcome;
        Assert.Equal(("VMExtensionProvisioningError", false), (outcome.ErrorCode, outcome.Succeeded));
        Assert.Contains($"the script is not idempotent and found its own earlier work on the data disk ({InstanceMachine.DataDiskFile("app")})", outcome.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Upgrade_ExtensionListedInNonIdempotentFault_Fails()
    {
        var order = Order();
        var profile = Profile with { Faults = new FaultRules { NonIdempotentExtensions = ["app"] } };

        var (_, transcript) = Run(Deployed(), order, profile);

        Assert.False(SingleReport(transcript).Outcome.Succeeded);
    }

    [Fact]
    public void ReimageAll_NonIdempotentExtension_SucceedsOnWipedDataDisk()
    {
        var nonIdempotent = App with { Idempotent = false };

        var (_, transcript) = Run(Deployed("0", nonIdempotent), Order(OperationKind.ReimageAll) with { Extensions = [nonIdempotent] });

        Assert.True(SingleReport(transcript).Outcome.Succeeded);
    }

    [Fact]
    public void Upgrade_ScriptSourceOutageWhenExtensionStarts_Fails()
    {
        // The extension starts at 15 + 180 + 60 = 255 s.
        var order = Order();
        var profile = Profile with { Faults = new FaultRules { Outages = [new SourceOutage("app", T0 + S(200), T0 + S(300))] } };

        var (_, transcript) = Run(Deployed(), order, profile);

        var outcome = SingleReport(transcript).Outcome;
        Assert.Equal(
            new InstanceOutcome("0", false, "VMExtensionProvisioningError", "VM has reported a failure when processing extension 'app'. Error message: \"Enable failed: could not download the script from https://scripts.example/app.sh: the source is unreachable\"."),
            outcome);
    }

    [Fact]
    public void Upgrade_OutageEndsAsExtensionStarts_Succeeds()
    {
        var order = Order();
        var profile = Profile with { Faults = new FaultRules { Outages = [new SourceOutage("app", T0, T0 + S(255))] } };

        var (_, transcript) = Run(Deployed(), order, profile);

        Assert.True(SingleReport(transcript).Outcome.Succeeded);
    }

    [Fact]
    public void Upgrade_UnhealthyAfterUpgrade_WaitsHealthTimeoutThenFails()
    {
        var order = Order();
        var profile = Profile with { Faults = new FaultRules { UnhealthyAfterUpgrade = [new ImageFault("2.0.0", 0, ["0"])] } };

        var (final, transcript) = Run(Deployed(), order, profile);

        Assert.Equal([S(15), S(180), S(60), S(120), S(300)], Delays(transcript));
        Assert.Equal(
            new InstanceOutcome("0", false, "RollingUpgradeInstanceUnhealthyError", "Instance found to be unhealthy or unreachable: it did not become healthy within the health wait timeout of PT5M."),
            SingleReport(transcript).Outcome);
        Assert.Equal(HealthState.Unhealthy, final.Health);
        Assert.Equal("Succeeded", final.ProvisioningState);
    }

    [Fact]
    public void Upgrade_BadImageProbabilityOne_FailsAsUnhealthyAfterUpgradeWould()
    {
        var profile = Profile with { Faults = new FaultRules { BadImages = [new BadImageFault("2.0.0", 1)] } };

        var (final, transcript) = Run(Deployed(), Order(), profile);

        Assert.Equal([S(15), S(180), S(60), S(120), S(300)], Delays(transcript));
        Assert.Equal("RollingUpgradeInstanceUnhealthyError", SingleReport(transcript).Outcome.ErrorCode);
        Assert.Equal(HealthState.Unhealthy, final.Health);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void Upgrade_BadImageOfAnotherVersion_OrProbabilityZero_Succeeds(double probability)
    {
        var version = probability == 0 ? "2.0.0" : "9.9.9";
        var profile = Profile with { Faults = new FaultRules { BadImages = [new BadImageFault(version, probability)] } };

        var (final, transcript) = Run(Deployed(), Order(), profile);

        Assert.Equal([S(15), S(180), S(60), S(120), S(10)], Delays(transcript));
        Assert.True(SingleReport(transcript).Outcome.Succeeded);
        Assert.Equal(HealthState.Healthy, final.Health);
    }

    [Fact]
    public void Upgrade_WaitForHealthFalse_ReportsAtStartOfProbing()
    {
        var order = Order() with { WaitForHealth = false };
        var start = Start(Deployed(), order, T0);
        var booted = Wake(Wake(Wake(start.State, 1, T0 + S(15)).State, 2, T0 + S(195)).State, 3, T0 + S(255)).State;

        var probing = Wake(booted, 4, T0 + S(375));

        Assert.Equal(3, probing.Commands.Length);
        Assert.Equal(new UpdateBackends(true, false), probing.Commands[0]);
        Assert.Equal(new InstanceOutcome("0", true), Assert.IsType<ReportOperation>(probing.Commands[1]).Report.Outcome);
        Assert.Equal(new WakeInstanceAfter(S(10), 5), probing.Commands[2]);
    }

    [Fact]
    public void Upgrade_WaitForHealthFalse_LaterWakeSetsHealthyWithoutSecondReport()
    {
        var (final, transcript) = Run(Deployed(), Order() with { WaitForHealth = false });

        Assert.Single(transcript.Select(e => e.Command).OfType<ReportOperation>());
        var last = transcript.Where(e => e.At == S(385)).Select(e => e.Command).ToList();
        Assert.Equal(2, last.Count);
        Assert.Equal(new UpdateBackends(true, true), last[0]);
        Assert.Equal(HealthState.Healthy, Assert.IsType<ReportHealth>(last[1]).Summary.Health);
        Assert.Equal(HealthState.Healthy, final.Health);
        Assert.Null(final.Active);
    }

    [Fact]
    public void Start_SameSeedSameInstance_IdenticalJitteredDurations()
    {
        var order = Order();
        var profile = Profile with { Timing = TimingProfile.Default };

        var first = Delays(Run(Deployed("3"), order, profile).Transcript);
        var second = Delays(Run(Deployed("3"), order, profile).Transcript);

        Assert.Equal(first, second);
        Assert.NotEqual([S(15), S(180), S(60), S(120), S(10)], first);
    }

    [Fact]
    public void Start_DifferentInstance_DifferentJitteredDurations()
    {
        var order = Order();
        var profile = Profile with { Timing = TimingProfile.Default };

        var zero = Delays(Run(Deployed("0"), order, profile).Transcript);
        var one = Delays(Run(Deployed("1"), order, profile).Transcript);

        Assert.NotEqual(zero, one);
    }

    [Fact]
    public void Start_DifferentSeed_DifferentJitteredDurations()
    {
        var order = Order();
        var profile = Profile with { Timing = TimingProfile.Default };

        var seed42 = Delays(Run(Deployed("0"), order, profile).Transcript);
        var seed43 = Delays(Run(Deployed("0"), order, profile with { Seed = 43 }).Transcript);

        Assert.NotEqual(seed42, seed43);
    }

    [Fact]
    public void Wake_StaleToken_IsIgnored()
    {
        var drained = Wake(Start(Deployed(), Order(), T0).State, 1, T0 + S(15)).State;

        var transition = Wake(drained, 1, T0 + S(20));

        Assert.Empty(transition.Commands);
        Assert.Same(drained, transition.State);
    }

    [Fact]
    public void Wake_NoOperationUnderWay_IsIgnored()
    {
        var idle = Deployed();

        var transition = Wake(idle, 0, T0);

        Assert.Empty(transition.Commands);
        Assert.Same(idle, transition.State);
    }

    [Fact]
    public void Upgrade_DrainFalse_StaysInPoolAndSkipsDrain()
    {
        var (_, transcript) = Run(Deployed(), Order() with { Drain = false });

        Assert.Equal([S(180), S(60), S(120), S(10)], Delays(transcript));
        Assert.DoesNotContain(transcript, e => e.Command is UpdateBackends { InPool: false });
    }

    [Fact]
    public void Provision_NewInstance_CreatesDisksRunsExtensionsAndJoinsPool()
    {
        var fresh = InstanceMachine.New(ScaleSet, "7", "1", 0, NewImage, ["lb1"], ProfileKey, T0);

        var (final, transcript) = Run(fresh, Order(OperationKind.Provision));

        Assert.Equal([S(240), S(120), S(10)], Delays(transcript));
        Assert.Equal(new InstanceOutcome("7", true), SingleReport(transcript).Outcome);
        Assert.Equal(new UpdateBackends(true, true), transcript[^2].Command);
        Assert.Equal(("Succeeded", "running", true, HealthState.Healthy, 2), (final.ProvisioningState, final.PowerState, final.InPool, final.Health, final.ModelVersion));
        AssertDisk(1, NewImage.ToString(), [InstanceMachine.OsDiskFile("app")], final.OsDisk);
    }

    [Fact]
    public void SetForcedUnhealthy_IdleInPool_LeavesServiceAndReportsHealth()
    {
        var transition = InstanceMachine.SetForcedUnhealthy(Deployed(), true, T0 + S(60));

        Assert.Equal(2, transition.Commands.Length);
        Assert.Equal(new UpdateBackends(true, false), transition.Commands[0]);
        var summary = Assert.IsType<ReportHealth>(transition.Commands[1]).Summary;
        Assert.Equal((HealthState.Unhealthy, (DateTimeOffset?)(T0 + S(60))), (summary.Health, summary.UnhealthySince));
    }

    [Fact]
    public void Upgrade_NewImage_ClearsForcedUnhealthy()
    {
        var unhealthy = InstanceMachine.SetForcedUnhealthy(Deployed(), true, T0).State;

        var (final, transcript) = Run(unhealthy, Order());

        Assert.True(SingleReport(transcript).Outcome.Succeeded);
        Assert.Equal(HealthState.Healthy, final.Health);
    }
}
