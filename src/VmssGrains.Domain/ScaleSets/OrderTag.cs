namespace VmssGrains.Domain.ScaleSets;

/// <summary>
/// What an instance's report ends: the purpose of its order and the run it belongs to. On the wire an order carries it
/// as one string (<see cref="Encode"/>): the run id, with a suffix for the purposes that serve a run, or a fixed word.
/// </summary>
/// <param name="Purpose">Why the order was given.</param>
/// <param name="RunId">The run it serves (runs, surge, rollback), else null.</param>
[GenerateSerializer, Immutable, Alias("vmss.OrderTag")]
public sealed record OrderTag([property: Id(0)] OrderPurpose Purpose, [property: Id(1)] string? RunId = null)
{
    private const string SurgeSuffix = ":surge";
    private const string SurgeDeleteSuffix = ":surge-delete";
    private const string RollbackSuffix = ":rollback";

    /// <summary>The order's report string.</summary>
    public string Encode() => Purpose switch
    {
        OrderPurpose.Run => RunId!,
        OrderPurpose.Surge => RunId + SurgeSuffix,
        OrderPurpose.SurgeDelete => RunId + SurgeDeleteSuffix,
        OrderPurpose.Rollback => RunId + RollbackSuffix,
        OrderPurpose.Scale => "scale",
        OrderPurpose.SurgeCleanup => "surge-cleanup",
        OrderPurpose.Repair => "repair",
        _ => "repair-delete",
    };

    /// <summary>The tag a report string stands for (<see cref="Encode"/>'s inverse).</summary>
    public static OrderTag Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value switch
        {
            "scale" => new(OrderPurpose.Scale),
            "surge-cleanup" => new(OrderPurpose.SurgeCleanup),
            "repair" => new(OrderPurpose.Repair),
            "repair-delete" => new(OrderPurpose.RepairDelete),
            _ when value.EndsWith(SurgeDeleteSuffix, StringComparison.Ordinal) => new(OrderPurpose.SurgeDelete, value[..^SurgeDeleteSuffix.Length]),
            _ when value.EndsWith(SurgeSuffix, StringComparison.Ordinal) => new(OrderPurpose.Surge, value[..^SurgeSuffix.Length]),
            _ when value.EndsWith(RollbackSuffix, StringComparison.Ordinal) => new(OrderPurpose.Rollback, value[..^RollbackSuffix.Length]),
            _ => new(OrderPurpose.Run, value),
        };
    }
}
