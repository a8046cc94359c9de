using VmssGrains.Abstractions.Grains;

namespace VmssGrains.Simulation.Reference;

/// <summary>The reference engine's simulated time, as a cluster's clock grain answers it (its clock is <c>reference</c>, as fast as the work allows).</summary>
internal sealed class ReferenceClusterClock(ReferenceEngine engine) : IClusterClockGrain
{
    public Task<ClusterTime> GetNowAsync() => Task.FromResult(new ClusterTime(engine.Now, "reference", 0));
}
