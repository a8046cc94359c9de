namespace VmssGrains.Simulation.Driving;

/// <summary>Waiting on wall time, for drivers of scaled and real clocks (never used for simulated time inside grains).</summary>
public static class WallTime
{
    /// <summary>Completes after <paramref name="delay"/> of wall time.</summary>
    public static Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var timer = TimeProvider.System.CreateTimer(_ => done.TrySetResult(), null, delay, Timeout.InfiniteTimeSpan);
        var registration = cancellationToken.Register(() => done.TrySetCanceled(cancellationToken));
        return done.Task.ContinueWith(
            t =>
            {
                timer.Dispose();
                registration.Dispose();
                return t;
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default).Unwrap();
    }
}
