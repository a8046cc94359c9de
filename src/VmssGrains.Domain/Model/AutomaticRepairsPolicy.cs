namespace VmssGrains.Domain.Model;

/// <summary><c>properties.automaticRepairsPolicy</c> (SPEC 5).</summary>
[GenerateSerializer, Immutable, Alias("vmss.AutomaticRepairsPolicy")]
public sealed record AutomaticRepairsPolicy
{
    /// <summary>Repairs are on.</summary>
    [Id(0)] public bool Enabled { get; init; }

    /// <summary>How long an instance must stay unhealthy before it is repaired; PT10M–PT90M, default PT30M.</summary>
    [Id(1)] public TimeSpan GracePeriod { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>What a repair does; default Replace.</summary>
    [Id(2)] public RepairAction RepairAction { get; init; } = RepairAction.Replace;
}
