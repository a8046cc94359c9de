using Orleans.Concurrency;

namespace VmssGrains.Grains.Tests.Faults;

/// <summary>A test-only grain that throws where nobody would hear of it: in a wake-up, or in a one-way call.</summary>
[Alias("vmss.tests.IFaultInjectionGrain")]
public interface IFaultInjectionGrain : IGrainWithStringKey
{
    /// <summary>Throws <see cref="InvalidOperationException"/> with <paramref name="message"/> when woken after <paramref name="delay"/> of simulated time.</summary>
    [Alias("ThrowOnWake")]
    Task ThrowOnWakeAsync(TimeSpan delay, string message);

    /// <summary>Throws <see cref="InvalidOperationException"/> with <paramref name="message"/>; its caller never hears of it.</summary>
    [OneWay, Alias("ThrowOneWay")]
    Task ThrowOneWayAsync(string message);
}
