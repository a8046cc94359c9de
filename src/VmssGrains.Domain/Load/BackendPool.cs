namespace VmssGrains.Domain.Load;

/// <summary>
/// What a load balancer knows, shared by both engines: its backends (registered, in the pool, healthy), the capacity each
/// scale set behind it asks for (the target is their sum, <see cref="InServiceCapacity"/>), and the traffic the
/// backends in service serve (<see cref="TrafficMeter"/>). Times are simulated. Not thread-safe: its carrier serialises calls.
/// </summary>
public sealed class BackendPool
{
    /// <summary>Per backend: in the pool, healthy, in service before (warm-up), and the UTC ticks it rejoined at while warming (0: not warming).</summary>
    private readonly Dictionary<string, (bool InPool, bool Healthy, bool Served, long WarmingSince)> backends = new(StringComparer.Ordinal);
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

    /// <summary>
    /// Sets the load model's extensions from <paramref name="now"/> on (docs/behaviour.md#load): an offered-load curve
    /// (null: the constant rate), warm-up after a backend rejoins (null: none), the queue's bound in simulated seconds
    /// (0: no queue) and the scenario start that seconds and minutes count from (null: the Unix epoch). A new start
    /// begins a new scenario's measure of the lowest in-service capacity (the minima cannot be taken as a difference of
    /// two readings as the totals are, <see cref="TrafficMeter.CountedFrom"/>); a load balancer no scenario used before is unchanged by it.
    /// </summary>
    public void Configure(OfferedLoadCurve? curve, WarmUp? warmUp, int maxQueueSeconds, DateTimeOffset? origin, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxQueueSeconds);
        var meter = Meter.AdvanceTo(now);
        if (origin is not null && origin != meter.Origin)
        {
            meter = meter with { MinInServicePercent = 100, MinInService = null };
        }

        Meter = meter with { Curve = curve, WarmUp = warmUp, MaxQueueSeconds = maxQueueSeconds, Origin = origin };
    }

    /// <summary>Registers, updates or (<paramref name="registered"/> false) removes one backend at <paramref name="now"/>.</summary>
    public void Update(string backend, bool registered, bool inPool, bool healthy, DateTimeOffset now)
    {
        var wasInService = false;
        var served = false;
        long warmingSince = 0;
        if (backends.Remove(backend, out var old))
        {
            InPool -= old.InPool ? 1 : 0;
            wasInService = old.InPool && old.Healthy;
            InService -= wasInService ? 1 : 0;
            served = old.Served;
            warmingSince = old.WarmingSince;
        }

        var inService = registered && inPool && healthy;
        if (Meter.WarmUp is not null && wasInService != inService)
        {
            // Warm-up (docs/behaviour.md#warm-up): a backend that served before and comes back into service warms up;
            // one that leaves service stops warming.
            if (warmingSince != 0)
            {
                Meter = Meter.WithoutWarming(new DateTimeOffset(warmingSince, TimeSpan.Zero), now);
                warmingSince = 0;
            }

            if (inService && served)
            {
                Meter = Meter.WithWarming(now, now);
                warmingSince = now.UtcTicks;
            }
        }

        if (registered)
        {
            backends[backend] = (inPool, healthy, served || inService, warmingSince);
            InPool += inPool ? 1 : 0;
            InService += inService ? 1 : 0;
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
