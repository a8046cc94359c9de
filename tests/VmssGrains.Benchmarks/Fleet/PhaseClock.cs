using System.Diagnostics;
using VmssGrains.Simulation.Driving;

namespace VmssGrains.Benchmarks.Fleet;

/// <summary>
/// A scenario driver's clock that times the phases of a <see cref="ScenarioRunner"/> run in wall time, around the
/// engine's own clock: <em>create</em> from the runner's first call (it reads the start time) until simulated time
/// has reached the first action (the fleet is set up and ready), <em>upgrade</em> from there until every run has ended,
/// and the rest (<see cref="Report"/>, read once the runner has returned) is the report. Between two phases it calls
/// <paramref name="created"/> and <paramref name="upgraded"/>, outside the timed spans: the driven clocks move only
/// when told, so nothing runs while they measure.
/// </summary>
internal sealed class PhaseClock(IScenarioClock inner, Action created, Action upgraded) : IScenarioClock
{
    private readonly Stopwatch wall = new();
    private bool inCreate;

    /// <summary>Wall time of set-up, until the first action's simulated time.</summary>
    public TimeSpan Create { get; private set; }

    /// <summary>Wall time from the first action until every run had ended.</summary>
    public TimeSpan Upgrade { get; private set; }

    /// <summary>Wall time since the upgrade ended: the report, once the runner has returned.</summary>
    public TimeSpan Report => wall.Elapsed;

    /// <summary>Simulated time when the runner started.</summary>
    public DateTimeOffset Start { get; private set; }

    /// <summary>Simulated time at which every run had ended.</summary>
    public DateTimeOffset End { get; private set; }

    /// <inheritdoc/>
    public async Task<DateTimeOffset> NowAsync(CancellationToken cancellationToken)
    {
        if (!wall.IsRunning && Create == default)
        {
            inCreate = true;
            wall.Start();
            Start = await inner.NowAsync(cancellationToken);
            return Start;
        }

        return await inner.NowAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async Task AdvanceToAsync(DateTimeOffset time, CancellationToken cancellationToken)
    {
        await inner.AdvanceToAsync(time, cancellationToken);
        EndCreate();
    }

    /// <inheritdoc/>
    public async Task<bool> AdvanceUntilAsync(DateTimeOffset limit, Func<CancellationToken, Task<bool>> done, CancellationToken cancellationToken)
    {
        var ended = await inner.AdvanceUntilAsync(limit, done, cancellationToken);
        EndCreate();
        return ended;
    }

    /// <inheritdoc/>
    public async Task<DateTimeOffset> RunUntilSettledAsync(DateTimeOffset limit, CancellationToken cancellationToken)
    {
        EndCreate();
        End = await inner.RunUntilSettledAsync(limit, cancellationToken);
        Upgrade = wall.Elapsed;
        upgraded();
        wall.Restart();
        return End;
    }

    private void EndCreate()
    {
        if (inCreate)
        {
            inCreate = false;
            Create = wall.Elapsed;
            created();
            wall.Restart();
        }
    }
}
