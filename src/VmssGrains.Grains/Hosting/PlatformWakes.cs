namespace VmssGrains.Grains.Hosting;

/// <summary>
/// A scale set's wake-ups that are platform work (a repair waiting out its grace period, ...), by token: until one is
/// due the <see cref="SimulationMonitor"/> counts it as work the platform has scheduled, so a scenario does not end
/// before it. Used by the scale set of both engines.
/// </summary>
/// <param name="monitor">The monitor to tell; none outside a simulation host.</param>
public sealed class PlatformWakes(SimulationMonitor? monitor)
{
    private readonly Dictionary<long, int> scheduled = [];

    /// <summary>A wake-up with <paramref name="token"/> that is platform work was asked for.</summary>
    public void Scheduled(long token)
    {
        scheduled[token] = scheduled.GetValueOrDefault(token) + 1;
        monitor?.PlatformWorkScheduled();
    }

    /// <summary>The wake-up <paramref name="token"/> is due: one of that token, if platform work, is done.</summary>
    public void Due(long token)
    {
        if (scheduled.TryGetValue(token, out var count) && count > 0)
        {
            scheduled[token] = count - 1;
            monitor?.PlatformWorkDone();
        }
    }

    /// <summary>Every wake-up was dropped: none of them is work any more.</summary>
    public void DropAll()
    {
        foreach (var count in scheduled.Values)
        {
            for (var i = 0; i < count; i++)
            {
                monitor?.PlatformWorkDone();
            }
        }

        scheduled.Clear();
    }
}
