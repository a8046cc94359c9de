using VmssGrains.Domain.Rolling;

namespace VmssGrains.Domain.ScaleSets;

/// <summary>A finished or running upgrade run as the report and the history show it.</summary>
[GenerateSerializer, Immutable, Alias("vmss.RunRecord")]
public sealed record RunRecord([property: Id(0)] RunState Run, [property: Id(1)] string Mode);
