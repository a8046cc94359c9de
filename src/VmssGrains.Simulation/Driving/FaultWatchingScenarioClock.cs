using VmssGrains.Grains.Hosting;

namespace VmssGrains.Simulation.Driving;

/// <summary>
/// A driver's clock that ends every wait with the simulation's fault (<see cref="SimulationMonitor.Fault"/>) as
/// soon as there is one, whatever the clock: a wake-up or one-way call that threw makes the run fail instead
/// of reporting a half-done timeline. While it lives the monitor knows a driver reports faults itself.
/// </summary>
public sealed class FaultWatchingScenarioClock : IScenarioClock, IDisposable
{
    private readonly IScenarioClock inner;
    private readonly SimulationMonitor monitor;
    private readonly IDisposable watch;

    /// <summary>Watches <paramref name="monitor"/> around <paramref name="inner"/>.</summary>
    public FaultWatchingScenarioClock(IScenarioClock inner, SimulationMonitor monitor)
    {
        this.inner = inner;
        this.monitor = monitor;
        watch = monitor.Watch();
    }

    /// <inheritdoc/>
    public Task<DateTimeOffset> NowAsync(CancellationToken cancellationToken) => WatchAsync(inner.NowAsync, cancellationToken);

    /// <inheritdoc/>
    public Task AdvanceToAsync(DateTimeOffset time, CancellationToken cancellationToken) =>
        WatchAsync(
            async token =>
            {
                await inner.AdvanceToAsync(time, token);
                return true;
            },
            cancellationToken);

    /// <inheritdoc/>
    public Task<bool> AdvanceUntilAsync(DateTimeOffset limit, Func<CancellationToken, Task<bool>> done, CancellationToken cancellationToken) =>
        WatchAsync(token => inner.AdvanceUntilAsync(limit, done, token), cancellationToken);

    /// <inheritdoc/>
    public Task<DateTimeOffset> RunUntilSettledAsync(DateTimeOffset limit, CancellationToken cancellationToken) =>
        WatchAsync(token => inner.RunUntilSettledAsync(limit, token), cancellationToken);

    /// <inheritdoc/>
    public void Dispose() => watch.Dispose();

    private async Task<T> WatchAsync<T>(Func<CancellationToken, Task<T>> wait, CancellationToken cancellationToken)
    {
        ThrowIfFaulted();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var work = wait(stop.Token);
        if (await Task.WhenAny(work, monitor.WhenFaulted) != work)
        {
            // The fault came first: the inner wait (a wall clock's polling) stops too.
            await stop.CancelAsync();
            ThrowIfFaulted();
        }

        return await work;
    }

    private void ThrowIfFaulted()
    {
        if (monitor.Fault is { } fault)
        {
            throw fault;
        }
    }
}
