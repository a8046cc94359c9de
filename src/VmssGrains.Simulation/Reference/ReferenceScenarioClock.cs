using VmssGrains.Simulation.Driving;

namespace VmssGrains.Simulation.Reference;

/// <summary>
/// Drives the reference engine for <see cref="ScenarioRunner"/>: exact simulated times, "settled" as the silo's monitor
/// says it (runs, instance operations, platform work), and the simulation's fault (a wake-up or one-way call that threw)
/// thrown from the wait that met it.
/// </summary>
public sealed class ReferenceScenarioClock(ReferenceEngine engine) : IScenarioClock
{
    /// <inheritdoc/>
    public Task<DateTimeOffset> NowAsync(CancellationToken cancellationToken) => Run(() => engine.Now, cancellationToken);

    /// <inheritdoc/>
    public Task AdvanceToAsync(DateTimeOffset time, CancellationToken cancellationToken) => Run(
        () =>
        {
            engine.RunUntil(time);
            return true;
        },
        cancellationToken);

    /// <inheritdoc/>
    /// <remarks>As the virtual clock does it (<see cref="VirtualScenarioClock.AdvanceUntilAsync"/>): a look after every instant at which work ended, once that instant has settled.</remarks>
    public async Task<bool> AdvanceUntilAsync(DateTimeOffset limit, Func<CancellationToken, Task<bool>> done, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(done);
        while (!await done(cancellationToken))
        {
            var seen = engine.Monitor.WorkEnded;
            await Run(
                () =>
                {
                    engine.RunUntil(engine.RunUntilIdle(limit, () => engine.Monitor.WorkEnded != seen));
                    return true;
                },
                cancellationToken);
            if (engine.Monitor.WorkEnded == seen)
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public Task<DateTimeOffset> RunUntilSettledAsync(DateTimeOffset limit, CancellationToken cancellationToken) =>
        Run(() => engine.RunUntilIdle(limit, () => engine.Monitor.IsSettled), cancellationToken);

    private Task<T> Run<T>(Func<T> step, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfFaulted();
        var result = step();
        ThrowIfFaulted();
        return Task.FromResult(result);
    }

    private void ThrowIfFaulted()
    {
        if (engine.Monitor.Fault is { } fault)
        {
            throw fault;
        }
    }
}
