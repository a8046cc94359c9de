using System.Collections.Immutable;

namespace VmssGrains.Domain.Load;

/// <summary>
/// Backend changes waiting to be sent to their load balancers, grouped so that each group goes in one call: per load
/// balancer, consecutive changes acting at the same simulated time (UTC ticks) share a group, up to
/// <see cref="MaxBatch"/> changes. A change at another time than the load balancer's open group closes it and opens a
/// new one, so a load balancer receives its changes in exactly the order they were added (per backend and across
/// backends), each at the time it was made. Groups come out in the order they were opened. Not thread-safe: its
/// carrier serialises calls.
/// </summary>
/// <typeparam name="TChange">One change (the wire record the carrier sends).</typeparam>
public sealed class BackendChangeBatches<TChange>
{
    private readonly Dictionary<string, int> open = new(StringComparer.Ordinal);
    private readonly List<(string LoadBalancer, long Ticks, ImmutableArray<TChange>.Builder Changes)> groups = [];

    /// <summary>Creates an empty set of groups, each closing at <paramref name="maxBatch"/> changes.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxBatch"/> below 1.</exception>
    public BackendChangeBatches(int maxBatch = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        MaxBatch = maxBatch;
    }

    /// <summary>The most changes one group (one call) carries.</summary>
    public int MaxBatch { get; }

    /// <summary>No change is waiting.</summary>
    public bool IsEmpty => groups.Count == 0;

    /// <summary>Changes waiting, over all groups.</summary>
    public int Count { get; private set; }

    /// <summary>Adds <paramref name="change"/> for <paramref name="loadBalancer"/>, acting at <paramref name="at"/>.</summary>
    public void Add(string loadBalancer, DateTimeOffset at, TChange change)
    {
        ArgumentNullException.ThrowIfNull(loadBalancer);
        var ticks = at.UtcTicks;
        if (!open.TryGetValue(loadBalancer, out var index) || groups[index].Ticks != ticks || groups[index].Changes.Count >= MaxBatch)
        {
            index = groups.Count;
            groups.Add((loadBalancer, ticks, ImmutableArray.CreateBuilder<TChange>()));
            open[loadBalancer] = index;
        }

        groups[index].Changes.Add(change);
        Count++;
    }

    /// <summary>Takes every group, in the order they were opened, and leaves none waiting.</summary>
    public List<(string LoadBalancer, DateTimeOffset At, ImmutableArray<TChange> Changes)> Take()
    {
        var taken = new List<(string, DateTimeOffset, ImmutableArray<TChange>)>(groups.Count);
        foreach (var (loadBalancer, ticks, changes) in groups)
        {
            taken.Add((loadBalancer, new DateTimeOffset(ticks, TimeSpan.Zero), changes.DrainToImmutable()));
        }

        groups.Clear();
        open.Clear();
        Count = 0;
        return taken;
    }
}
