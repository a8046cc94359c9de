using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.ScaleSets;
using static VmssGrains.Domain.Tests.TestData;

namespace VmssGrains.Domain.Tests.ScaleSets;

/// <summary>Deferred creation: which instances can wait for their first call, and the state they are then built in.</summary>
public sealed class InstanceCreationTests
{
    private static readonly ExtensionSpec App = new() { Name = "app", Type = "CustomScript" };

    private static InstanceProfile Profile(double rate) =>
        new() { Key = ProfileKey, Seed = 4, Faults = new Faults.FaultRules { UnhealthyPerInstanceHour = rate } };

    private static InstanceCreation Creation(bool deployed) =>
        new(new InstanceSpec { InstanceId = "7", Zone = "2", FaultDomain = 1, Image = OldImage, ModelVersion = 3, Deployed = deployed, LoadBalancers = ["lb"] }, [App], ProfileKey, T0);

    [Fact]
    public void NewInstance_IsTheStateEagerCreationBuilds_AtTheCreationTime()
    {
        var creation = Creation(deployed: true);

        var built = creation.NewInstance(ScaleSet);

        var eager = creation.Spec.NewInstance(ScaleSet, [App], ProfileKey, T0);
        Assert.Equal((eager.TimeCreated, eager.ModelVersion, eager.Zone, eager.FaultDomain, eager.Image, eager.InPool, eager.InService), (built.TimeCreated, built.ModelVersion, built.Zone, built.FaultDomain, built.Image, built.InPool, built.InService));
        Assert.Equal((T0, 3, "Succeeded", true), (built.TimeCreated, built.ModelVersion, built.ProvisioningState, built.InService));
        Assert.Equal(["app"], built.Extensions.Select(e => e.Name));
        Assert.Equal(["/opt/extensions/app/installed"], built.OsDisk.Files.ToArray());
        Assert.Equal(eager.OsDisk.Files.ToArray(), built.OsDisk.Files.ToArray());
    }

    [Fact]
    public void CanWait_WhenCreatingArmsNothing()
    {
        var deployed = Creation(deployed: true).NewInstance(ScaleSet);
        var provisioning = Creation(deployed: false).NewInstance(ScaleSet);

        Assert.True(InstanceCreation.CanWait(deployed, Profile(0)));

        // A random fault is armed at creation on a deployed instance: its wake-up cannot wait for a call.
        Assert.False(InstanceCreation.CanWait(deployed, Profile(0.5)));

        // One still to be provisioned arms it only once provisioned, and its first order builds it.
        Assert.Equal("Creating", provisioning.ProvisioningState);
        Assert.True(InstanceCreation.CanWait(provisioning, Profile(0.5)));
    }
}
