using VmssGrains.Domain.Faults;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Time;

namespace VmssGrains.Grains.Tests;

/// <summary>
/// Instances act on their scale set's instance profile, which orders name by key: an instance on the other silo than
/// its scale set resolves it (and each new version) from the scale set, and a scale set created again under the same
/// name gets keys of a new generation.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class InstanceProfileGrainTests(ClusterFixture fixture)
{
    /// <summary><see cref="Fleets.Fixed"/> with a 7-minute reimage: an image upgrade takes 380 − 180 + 420 = 620 s.</summary>
    private static readonly TimingProfile SlowReimage = Fleets.Fixed with { Reimage = Distribution.Fixed(TimeSpan.FromMinutes(7)) };

    [Fact]
    public async Task InstancesOnBothSilos_ActOnTheProfileAndEachNewVersion_AndANewGenerationAfterDeleteAndCreate()
    {
        const string name = "profiles";
        await fixture.CreateAsync(name, Fleets.ScaleSet(8, policy: Fleets.Policy(batch: 100, unhealthy: 100, upgradedUnhealthy: 100)), timing: SlowReimage);
        var start = fixture.Now;

        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        await fixture.SettleAsync();

        var states = await fixture.StatesAsync(name);
        Assert.All(states, s => Assert.Equal((new InstanceProfileKey(name, 1, 1), TimeSpan.FromSeconds(620)), (s.Profile, s.LastOperationEnd - start)));
        var remote = await InstanceOnTheOtherSiloAsync(name);

        // A new version of the profile: the extension fails on the remote instance only.
        await fixture.ScaleSet(name).AddFaultsAsync(new FaultRules { ExtensionFailures = [new ExtensionFault("app", 0, [remote])] });
        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.2.0"));
        await fixture.SettleAsync();

        states = await fixture.StatesAsync(name);
        Assert.All(states, s => Assert.Equal(new InstanceProfileKey(name, 1, 2), s.Profile));
        Assert.Equal(
            [(remote, "VM has reported a failure when processing extension 'app'. Error message: \"Enable failed: the script exited with code 1\".")],
            states.Where(s => s.LastError is not null).Select(s => (s.InstanceId, s.LastError!)).ToArray());

        await fixture.ScaleSet(name).DeleteAsync();
        await fixture.CreateAsync(name, Fleets.ScaleSet(2), timing: SlowReimage);
        Assert.All(await fixture.StatesAsync(name), s => Assert.Equal(new InstanceProfileKey(name, 2, 1), s.Profile));
    }

    /// <summary>An instance of <paramref name="name"/> whose activation is on another silo than its scale set's.</summary>
    private async Task<string> InstanceOnTheOtherSiloAsync(string name)
    {
        var statistics = await fixture.Grains.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics();
        var scaleSetSilo = statistics.Single(s => s.GrainId.ToString() == $"scaleset/{name}").SiloAddress;
        var remote = statistics.Where(s => s.GrainId.ToString().StartsWith($"vminstance/{name}/", StringComparison.Ordinal) && !s.SiloAddress.Equals(scaleSetSilo)).ToList();
        Assert.NotEmpty(remote);
        return remote.Select(s => s.GrainId.ToString()[$"vminstance/{name}/".Length..]).Order(StringComparer.Ordinal).First();
    }
}
