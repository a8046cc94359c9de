using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.ScaleSets;

/// <summary>An automatic repair under way, known by the instance whose report ends it.</summary>
/// <param name="Action">What the repair does.</param>
/// <param name="Replaces">For <see cref="RepairAction.Replace"/>: the unhealthy instance the reporting (new) one replaces.</param>
[GenerateSerializer, Immutable, Alias("vmss.RepairWork")]
public sealed record RepairWork([property: Id(0)] RepairAction Action, [property: Id(1)] string? Replaces = null)
{
    /// <inheritdoc/>
    public override string ToString() => Replaces is null ? Action.ToString() : $"{Action} of {Replaces}";
}
