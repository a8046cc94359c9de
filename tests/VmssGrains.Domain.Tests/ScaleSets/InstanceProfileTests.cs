using VmssGrains.Domain.Faults;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.ScaleSets;

namespace VmssGrains.Domain.Tests.ScaleSets;

/// <summary>
/// The instance profile a scale set shares with its instances: versioned by fault changes, keyed uniquely across a
/// delete and a new creation; the instance built from its spec; orders that name the profile instead of copying it.
/// </summary>
public sealed class InstanceProfileTests
{
    private static readonly FaultRules Named = new() { ExtensionFailures = [new ExtensionFault("app", 0, ["1"])] };

    private static readonly FaultRules Rate = new() { UnhealthyPerInstanceHour = 0.5 };

    [Fact]
    public void Create_MakesVersionOneOfGenerationOne_FromTheSettings()
    {
        var driver = FleetDriver.Create(MachineFleets.ScaleSet(2), Named);

        Assert.Equal(
            new InstanceProfile { Key = new InstanceProfileKey(MachineFleets.Name, 1, 1), Seed = 1, Timing = MachineFleets.Timing, Faults = Named },
            Assert.Single(driver.S.Profiles));
        Assert.Equal((1, 1L), (driver.S.Generation, driver.S.Seed));
        Assert.All(driver.Vms.Values, vm => Assert.Equal(new InstanceProfileKey(MachineFleets.Name, 1, 1), vm.Profile));
    }

    [Fact]
    public void FaultsAdded_MakesANewVersion_AndKeepsTheOlderOneForOrdersThatNameIt()
    {
        var driver = FleetDriver.Create(MachineFleets.ScaleSet(2), Named);

        driver.Send(new FaultsAdded(Rate));

        var v1 = new InstanceProfileKey(MachineFleets.Name, 1, 1);
        var v2 = new InstanceProfileKey(MachineFleets.Name, 1, 2);
        Assert.Equal([v1, v2], driver.S.Profiles.Select(p => p.Key).ToArray());
        Assert.Equal(Named.Add(Rate), driver.S.Profile!.Faults);
        Assert.Equal((1L, MachineFleets.Timing), (driver.S.Profile.Seed, driver.S.Profile.Timing));
        Assert.Equal(Named, ScaleSetQueries.Profile(driver.S, v1).Faults);
        Assert.Same(driver.S.Profile, ScaleSetQueries.Profile(driver.S, v2));
    }

    [Fact]
    public void DeleteAndCreateAgain_UnderTheSameName_NeverReusesAKey()
    {
        var driver = FleetDriver.Create(MachineFleets.ScaleSet(2), Named);
        driver.Send(new FaultsAdded(Rate));

        driver.Send(new DeleteRequested());
        var deleted = driver.S;
        driver.Send(new PutRequested(MachineFleets.ScaleSet(1), new SimulationSettings { Seed = 1, Timing = MachineFleets.Timing }));

        // While deleted, the versions stay readable for instances still finishing an order; the new creation replaces them.
        Assert.Equal((false, 1, 2), (deleted.Exists, deleted.Generation, deleted.Profiles.Count));
        Assert.Null(deleted.Profile);
        Assert.Equal([new InstanceProfileKey(MachineFleets.Name, 2, 1)], driver.S.Profiles.Select(p => p.Key).ToArray());
        Assert.Equal(FaultRules.None, driver.S.Profile!.Faults);
        var gone = Assert.Throws<AzureException>(() => ScaleSetQueries.Profile(driver.S, new InstanceProfileKey(MachineFleets.Name, 1, 1)));
        Assert.Equal(("NotFound", "scale set 'vmss1' has no instance profile vmss1/1/1"), (gone.Code, gone.Message));
    }

    [Fact]
    public void NewInstance_Deployed_HasRunTheModelsExtensions_AndRefersToTheProfile()
    {
        var app = new ExtensionSpec { Name = "app", Fingerprint = "app-v1" };
        var key = new InstanceProfileKey("web", 3, 2);
        var spec = new InstanceSpec { InstanceId = "4", Zone = "2", FaultDomain = 1, Image = MachineFleets.Image("1.0.0"), ModelVersion = 5, Deployed = true, LoadBalancers = ["lb"] };

        var state = spec.NewInstance("web", [app], key, MachineFleets.T0);

        Assert.Equal(
            ("web", "4", "2", 1, 5, 5, key, "Succeeded", "running", HealthState.Healthy, true, MachineFleets.T0),
            (state.ScaleSet, state.InstanceId, state.Zone, state.FaultDomain, state.ModelVersion, state.PreviousModelVersion, state.Profile, state.ProvisioningState, state.PowerState, state.Health, state.InPool, state.TimeCreated));
        Assert.Equal([new ExtensionStatus("app", "app-v1", null, "Succeeded")], state.Extensions.ToArray());
        Assert.Equal(["/opt/extensions/app/installed"], state.OsDisk.Files.ToArray());
        Assert.Equal(["lb"], state.LoadBalancers.ToArray());
    }

    [Fact]
    public void NewInstance_ToBeProvisioned_IsCreatingOutOfThePool_AndTakesNoExtensionsFromTheModel()
    {
        var model = ScaleSetModelReader.Read(MachineFleets.Name, ScaleSetModelReader.ParseObject(MachineFleets.ScaleSet(2)), out _)!;
        var key = new InstanceProfileKey(MachineFleets.Name, 1, 1);
        var spec = new InstanceSpec { InstanceId = "9", Image = MachineFleets.Image("1.1.0"), ModelVersion = 2, LoadBalancers = ["lb"] };

        var state = spec.NewInstance(MachineFleets.Name, spec.ExtensionsFrom(model), key, MachineFleets.T0);

        Assert.Empty(spec.ExtensionsFrom(model));
        Assert.Equal(model.Extensions, (spec with { Deployed = true }).ExtensionsFrom(model));
        Assert.Equal(
            ("Creating", "stopped", HealthState.Unhealthy, false, 0, 0, key),
            (state.ProvisioningState, state.PowerState, state.Health, state.InPool, state.OsDisk.Generation, state.Extensions.Length, state.Profile));
    }

    [Fact]
    public async Task Orders_NameTheCurrentProfile_KeepTheRequestsHealthWaitTimeout_AndReadEachProbeOnce()
    {
        var driver = FleetDriver.Create(MachineFleets.ScaleSet(4), Named);
        driver.Send(new FaultsAdded(Rate));
        var from = driver.Commands.Count;
        driver.Send(new PatchRequested(MachineFleets.ImagePatch("1.1.0")));
        driver.Settle(TimeSpan.Zero);
        var starts = driver.Since<StartOrder>(from).ToList();
        var reads = new List<string>();
        var builder = new UpgradeOrderBuilder(
            driver.S,
            lb =>
            {
                reads.Add(lb);
                return ValueTask.FromResult((7, 3));
            },
            () => "00-batch");

        var orders = new List<UpgradeOrder>();
        foreach (var start in starts)
        {
            orders.Add(await builder.OrderAsync(start.Order));
        }

        var waiting = await builder.OrderAsync(starts[0].Order with { HealthWaitTimeout = TimeSpan.FromMinutes(5) });

        Assert.NotEmpty(starts);
        Assert.All(orders, o => Assert.Same(orders[0], o));
        Assert.Equal(
            (new InstanceProfileKey(MachineFleets.Name, 1, 2), (TimeSpan?)null, new HealthCheck(HealthSourceKind.LoadBalancerProbe, TimeSpan.FromSeconds(7), 3), "1.1.0"),
            (orders[0].Profile, orders[0].HealthWaitTimeout, orders[0].Health, orders[0].TargetImage.Version));
        Assert.Equal(TimeSpan.FromMinutes(5), waiting.HealthWaitTimeoutIn(driver.S.Profile!));
        Assert.Equal(MachineFleets.Timing.HealthWaitTimeout.Mean, orders[0].HealthWaitTimeoutIn(driver.S.Profile!));
        Assert.Single(reads);
    }
}
