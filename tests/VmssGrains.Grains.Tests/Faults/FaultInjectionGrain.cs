using Microsoft.Extensions.DependencyInjection;
using VmssGrains.Grains.Clock;

namespace VmssGrains.Grains.Tests.Faults;

/// <summary>Throws through the simulation's real seams: <see cref="SimulatedTime"/> and a one-way call.</summary>
public sealed class FaultInjectionGrain : Grain, IFaultInjectionGrain
{
    private readonly SimulatedTime time;
    private string message = "";

    /// <summary>Creates the grain on the simulation clock.</summary>
    public FaultInjectionGrain([FromKeyedServices(TimeProviderNames.Grains)] TimeProvider clock)
    {
        time = new SimulatedTime(this, clock, _ => throw new InvalidOperationException(message));
    }

    /// <inheritdoc/>
    public Task ThrowOnWakeAsync(TimeSpan delay, string message)
    {
        this.message = message;
        time.WakeAfter(delay, 1);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task ThrowOneWayAsync(string message) => throw new InvalidOperationException(message);
}
