namespace VmssGrains.Simulation.Driving;

/// <summary>How a scenario driver moves through simulated time, whatever the clock.</summary>
public interface IScenarioClock
{
    /// <summary>The simulated time now.</summary>
    Task<DateTimeOffset> NowAsync(CancellationToken cancellationToken);

    /// <summary>Returns once simulated time has reached <paramref name="time"/> and the work due by then is done (virtual) or under way.</summary>
    Task AdvanceToAsync(DateTimeOffset time, CancellationToken cancellationToken);

    /// <summary>
    /// Advances towards <paramref name="limit"/> until <paramref name="done"/> holds, asking it first, then after every
    /// simulated instant at which a run or instance operation ended, once all the work due at that instant is done
    /// (virtual clocks), or on every poll (wall clocks). Returns true when it held (simulated time is then the instant
    /// it came true on a virtual clock; a little later on a wall clock), false when the limit, or the end of all work,
    /// came first. It is how a promotion gate waits for the operation it guards on.
    /// </summary>
    /// <param name="limit">The latest time to reach.</param>
    /// <param name="done">Asked with time stopped (virtual clocks); may call grains, must not wait on simulated time.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    Task<bool> AdvanceUntilAsync(DateTimeOffset limit, Func<CancellationToken, Task<bool>> done, CancellationToken cancellationToken);

    /// <summary>Returns the simulated time at which every run and operation had ended, or <paramref name="limit"/>.</summary>
    Task<DateTimeOffset> RunUntilSettledAsync(DateTimeOffset limit, CancellationToken cancellationToken);
}
