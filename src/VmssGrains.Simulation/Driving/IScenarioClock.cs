namespace VmssGrains.Simulation.Driving;

/// <summary>How a scenario driver moves through simulated time, whatever the clock.</summary>
public interface IScenarioClock
{
    /// <summary>The simulated time now.</summary>
    Task<DateTimeOffset> NowAsync(CancellationToken cancellationToken);

    /// <summary>Returns once simulated time has reached <paramref name="time"/> and the work due by then is done (virtual) or under way.</summary>
    Task AdvanceToAsync(DateTimeOffset time, CancellationToken cancellationToken);

    /// <summary>Returns the simulated time at which every run and operation had ended, or <paramref name="limit"/>.</summary>
    Task<DateTimeOffset> RunUntilSettledAsync(DateTimeOffset limit, CancellationToken cancellationToken);
}
