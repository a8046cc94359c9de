using Microsoft.Extensions.DependencyInjection;
using Orleans.Concurrency;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Grains.Clock;

namespace VmssGrains.Grains.Hosting;

/// <summary>Answers with the local silo's simulated time: every silo of a cluster runs the same clock.</summary>
[StatelessWorker]
public sealed class ClusterClockGrain([FromKeyedServices(TimeProviderNames.Grains)] TimeProvider clock, SimulationHost host) : Grain, IClusterClockGrain
{
    /// <inheritdoc/>
    public Task<ClusterTime> GetNowAsync() =>
        Task.FromResult(new ClusterTime(clock.GetUtcNow(), host.Spec.ToString(), host.Spec.Kind switch
        {
            ClockKind.Virtual => 0,
            ClockKind.Scaled => host.Spec.Scale,
            _ => 1,
        }));
}
