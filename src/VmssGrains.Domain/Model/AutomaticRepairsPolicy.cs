namespace VmssGrains.Domain.Model;

/// <summary><c>properties.automaticRepairsPolicy</c> (docs/behaviour.md#automatic-repairs).</summary>
[GenerateSerializer, Immutable, Alias("vmss.AutomaticRepairsPolicy")]
public sealed record AutomaticRepairsPolicy
{
    /// <summary>Repairs are on.</summary>
    [Id(0)] public bool Enabled { get; init; }

    /// <summary>The grace period when <c>gracePeriod</c> is not given.</summary>
    public static TimeSpan DefaultGracePeriod { get; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long an instance must stay unhealthy before it is repaired, counted from its last state change;
    /// PT10M–PT90M, default PT10M (the schema: "The minimum allowed grace period is 10 minutes (PT10M), which is
    /// also the default value").
    /// </summary>
    [Id(1)] public TimeSpan GracePeriod { get; init; } = DefaultGracePeriod;

    /// <summary>What a repair does; default Replace.</summary>
    [Id(2)] public RepairAction RepairAction { get; init; } = RepairAction.Replace;
}
