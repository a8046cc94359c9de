namespace VmssGrains.Domain.Load;

/// <summary>
/// What a load balancer knows, shared by both engines: its backends (registered, in the pool, healthy), the capacity each
/// scale set behind it asks for (the target is their sum, <see cref="InServiceCapacity"/>), and the traffic the
/// backends in service serve (<see cref="TrafficMeter"/>). Times are simulated. Not thread-safe: its carrier serialises calls.
/// </summary>
public sealed class BackendPool
{
    private readonly Dictionary<string, (bool InPool, bool Healthy)> backends = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> targets = new(StringComparer.Ordinal);

    /// <summary>Registered backends.</summary>
    public int Backends { get; private set; }

    /// <summary>Backends in the pool.</summary>
    public int InPool { get; private set; }

    /// <summary>Backends in the pool and healthy.</summary>
    public int InService { get; private set; }

    /// <summary>The traffic model up to the last change (an immutable value: safe to read from another thread).</summary>
    public TrafficMeter Meter { get; private set; } = new();

    /// <summary>Sets the offered load (requests per simulated second) and what one backend serves, from <paramref name="now"/> on.</summary>
    public void Configure(double requestsPerSecond, double capacityPerInstance, DateTimeOffset now) =>
        Meter = Meter.AdvanceTo(now) with { RequestsPerSecond = requestsPerSecond, CapacityPerInstance = capacityPerInstance };

    /// <summary>Registers, updates or (<paramref name="registered"/> false) removes one backend at <paramref name="now"/>.</summary>
    public void Update(string backend, bool registered, bool inPool, bool healthy, DateTimeOffset now)
    {
        if (backends.Remove(backend, out var old))
        {
            InPool -= old.InPool ? 1 : 0;
            InService -= old.InPool && old.Healthy ? 1 : 0;
        }

        if (registered)
        {
            backends[backend] = (inPool, healthy);
            InPool += inPool ? 1 : 0;
            InService += inPool && healthy ? 1 : 0;
        }

        Backends = backends.Count;
        Meter = Meter.With(backends.Count, InService, now);
    }

    /// <summary>Sets the <c>sku.capacity</c> <paramref name="scaleSet"/> asks for (0: none) at <paramref name="now"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative capacity.</exception>
    public void SetTarget(string scaleSet, int capacity, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        if (capacity == 0)
        {
            targets.Remove(scaleSet);
        }
        else
        {
            targets[scaleSet] = capacity;
        }

        Meter = Meter.WithTarget(targets.Values.Sum(), now);
    }
}
