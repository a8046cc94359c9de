namespace VmssGrains.Grains.Hosting;

/// <summary>Where a silo keeps grain state and reminders.</summary>
public enum GrainStoreKind
{
    /// <summary>In the silo's memory: lost with the silo; no reminders. The embedded <c>simulate</c> and the tests' clusters.</summary>
    Memory,

    /// <summary>On a Redis server (Orleans' Redis providers): grain state and reminders outlive any silo.</summary>
    Redis,
}

/// <summary>
/// Where the grains' state and reminders live (a singleton of <c>AddVmssGrains</c>): grains ask <see cref="Durable"/>
/// to know whether a run must be able to resume on another silo (a reminder, a write at each decision).
/// </summary>
/// <param name="Kind">Memory or Redis.</param>
/// <param name="RedisConnectionString">A StackExchange.Redis configuration string (<c>host:port[,options]</c>) when <paramref name="Kind"/> is Redis.</param>
public sealed record GrainStore(GrainStoreKind Kind, string? RedisConnectionString = null)
{
    /// <summary>Memory storage, no reminders.</summary>
    public static GrainStore Memory { get; } = new(GrainStoreKind.Memory);

    /// <summary>
    /// A durable scale set writes its state before carrying out every decision that changes it, reports included; false
    /// (the default): a report that sends nothing new out is written within a second, and replayed by its instance
    /// should the silo die before (docs/durability.md).
    /// </summary>
    public bool WriteEveryDecision { get; init; }

    /// <summary>State and reminders survive the silo that wrote them.</summary>
    public bool Durable => Kind == GrainStoreKind.Redis;

    /// <summary>Redis at <paramref name="connectionString"/> (<c>host:port[,options]</c>).</summary>
    public static GrainStore Redis(string connectionString) => new(GrainStoreKind.Redis, connectionString);
}
