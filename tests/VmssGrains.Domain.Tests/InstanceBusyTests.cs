using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Time;
using static VmssGrains.Domain.Tests.TestData;

namespace VmssGrains.Domain.Tests;

/// <summary>
/// An instance runs one operation at a time: an order that arrives before the operation under way reported is
/// refused; an operation that reported and only settles (ungated upgrade modes) gives way to the next order.
/// </summary>
public sealed class InstanceBusyTests
{
    private static readonly TimingProfile Fixed = new()
    {
        Drain = Distribution.Fixed(S(15)),
        Reimage = Distribution.Fixed(S(180)),
        Boot = Distribution.Fixed(S(60)),
        Extension = Distribution.Fixed(S(120)),
        HealthWaitTimeout = Distribution.Fixed(S(300)),
        Delete = Distribution.Fixed(S(60)),
        Restart = Distribution.Fixed(S(60)),
    };

    private static readonly ExtensionSpec App = new() { Name = "app", Fingerprint = "app-v1" };

    private static TimeSpan S(int seconds) => TimeSpan.FromSeconds(seconds);

    private static InstanceState Deployed() => InstanceMachine.Deployed(ScaleSet, "0", null, 0, 1, OldImage, [App], ["lb1"], ProfileKey, T0);

    private static UpgradeOrder Order(OperationKind kind, string runId, bool waitForHealth = true) => new()
    {
        RunId = runId,
        Kind = kind,
        TargetModelVersion = 2,
        TargetImage = NewImage,
        Extensions = [App],
        LoadBalancers = ["lb1"],
        Health = new HealthCheck(HealthSourceKind.LoadBalancerProbe, S(5), 2),
        WaitForHealth = waitForHealth,
        Profile = ProfileKey,
    };

    private static readonly InstanceProfile Profile = new() { Key = ProfileKey, Seed = 42, Timing = Fixed };

    [Fact]
    public void Start_WhileAnOperationHasNotReported_ThrowsInstanceBusyNamingBothOperations()
    {
        var upgrading = InstanceMachine.Start(Deployed(), Order(OperationKind.Upgrade, "run-1"), Profile, T0).State;

        var error = Assert.Throws<InstanceBusyException>(() => InstanceMachine.Start(upgrading, Order(OperationKind.Delete, "scale"), Profile, T0 + S(5)));

        Assert.Equal(
            "instance '0' of scale set 'vmss1' is busy: it cannot start Delete for run 'scale' while Upgrade for run 'run-1' has not reported",
            error.Message);
        Assert.Equal(("vmss1", "0", "run-1", OperationKind.Upgrade, "scale", OperationKind.Delete), (error.ScaleSet, error.InstanceId, error.ActiveRunId, error.ActiveKind, error.RunId, error.Kind));
    }

    [Theory]
    [InlineData(OperationKind.Upgrade)]
    [InlineData(OperationKind.Reimage)]
    [InlineData(OperationKind.ReimageAll)]
    [InlineData(OperationKind.Provision)]
    [InlineData(OperationKind.Restart)]
    [InlineData(OperationKind.Delete)]
    [InlineData(OperationKind.Extensions)]
    public void Start_AnyKindOfOrderDuringADeletion_IsRefused(OperationKind kind)
    {
        var deleting = InstanceMachine.Start(Deployed(), Order(OperationKind.Delete, "scale"), Profile, T0).State;

        var error = Assert.Throws<InstanceBusyException>(() => InstanceMachine.Start(deleting, Order(kind, "run-2"), Profile, T0));

        Assert.Equal($"instance '0' of scale set 'vmss1' is busy: it cannot start {kind} for run 'run-2' while Delete for run 'scale' has not reported", error.Message);
    }

    [Fact]
    public void Start_WhileSettlingAfterAnUngatedUpgrade_SupersedesTheProbe()
    {
        // Drain 15 s, reimage 180 s, boot 60 s, extension 120 s: the ungated upgrade reports at 375 s and probes on.
        var state = InstanceMachine.Start(Deployed(), Order(OperationKind.Upgrade, "run-1", waitForHealth: false), Profile, T0).State;
        foreach (var (token, at) in new[] { (1, 15), (2, 195), (3, 255), (4, 375) })
        {
            state = InstanceMachine.Wake(state, token, Profile, T0 + S(at)).State;
        }

        Assert.True(state.Active is { Reported: true, Step: InstanceStep.Probing });

        var deleting = InstanceMachine.Start(state, Order(OperationKind.Delete, "scale"), Profile, T0 + S(380));

        Assert.Equal<InstanceCommand>([new UpdateBackends(false, false), new WakeInstanceAfter(S(15), 6)], [.. deleting.Commands]);
        Assert.Equal(("scale", InstanceStep.Draining, "Deleting", 2), (deleting.State.Active?.Order.RunId, deleting.State.Active?.Step, deleting.State.ProvisioningState, deleting.State.OperationSerial));
        Assert.Empty(InstanceMachine.Wake(deleting.State, 5, Profile, T0 + S(385)).Commands);
    }

    [Fact]
    public void Start_AfterTheReport_IsAccepted()
    {
        var state = InstanceMachine.Start(Deployed(), Order(OperationKind.Restart, "repair"), Profile, T0).State;
        state = InstanceMachine.Wake(InstanceMachine.Wake(state, 1, Profile, T0 + S(15)).State, 2, Profile, T0 + S(75)).State;
        state = InstanceMachine.Wake(state, 3, Profile, T0 + S(85)).State;

        var next = InstanceMachine.Start(state, Order(OperationKind.Delete, "scale"), Profile, T0 + S(90));

        Assert.Null(state.Active);
        Assert.Equal<InstanceCommand>([new UpdateBackends(false, false), new WakeInstanceAfter(S(15), 4)], [.. next.Commands]);
    }
}
