using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Grains.Hosting;

namespace VmssGrains.Grains.Tests;

/// <summary>References made without Orleans' per-call interface lookup are the references <c>GetGrain</c> makes.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GrainReferencesTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Reference_IsTheGrainGetGrainGives_AndCallsReachIt()
    {
        var key = GrainKeys.Instance("references", "7");
        var made = (GrainReference)(object)fixture.Grains.Reference<IVmInstanceGrain>(key);
        var usual = (GrainReference)(object)fixture.Grains.GetGrain<IVmInstanceGrain>(key);
        Assert.Equal((usual.GrainId, usual.InterfaceType), (made.GrainId, made.InterfaceType));
        Assert.Equal(usual, made);
        Assert.IsAssignableFrom<IVmInstanceGrain>(made);

        // Each interface keeps its own types.
        var scaleSet = (GrainReference)(object)fixture.Grains.Reference<IScaleSetGrain>("references");
        Assert.Equal(((GrainReference)(object)fixture.Grains.GetGrain<IScaleSetGrain>("references")).GrainId, scaleSet.GrainId);

        await fixture.CreateAsync("references", Fleets.ScaleSet(1));
        Assert.True(await fixture.Grains.Reference<IScaleSetGrain>("references").ExistsAsync());
        Assert.Equal("0", (await fixture.Grains.Reference<IVmInstanceGrain>(GrainKeys.Instance("references", "0")).GetStateAsync())!.InstanceId);
    }
}
