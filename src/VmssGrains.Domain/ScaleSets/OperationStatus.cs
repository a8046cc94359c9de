namespace VmssGrains.Domain.ScaleSets;

/// <summary>A long-running operation, in the shape of Azure's operation status (<c>name</c>, <c>status</c>, times, <c>error</c>).</summary>
[GenerateSerializer, Immutable, Alias("vmss.OperationStatus")]
public sealed record OperationStatus
{
    /// <summary>The operation id.</summary>
    [Id(0)] public required string Name { get; init; }

    /// <summary>What the operation is, e.g. <c>Update</c> or <c>UpdateInstances</c>.</summary>
    [Id(1)] public required string Operation { get; init; }

    /// <summary>InProgress, Succeeded, Failed or Canceled.</summary>
    [Id(2)] public string Status { get; init; } = "InProgress";

    /// <summary>When it started (simulated).</summary>
    [Id(3)] public DateTimeOffset StartTime { get; init; }

    /// <summary>When it ended (simulated).</summary>
    [Id(4)] public DateTimeOffset? EndTime { get; init; }

    /// <summary>Error code when it failed.</summary>
    [Id(5)] public string? ErrorCode { get; init; }

    /// <summary>Error message when it failed.</summary>
    [Id(6)] public string? ErrorMessage { get; init; }

    /// <summary>The run this operation waits for, if any.</summary>
    [Id(7)] public string? RunId { get; init; }

    /// <summary>True once it ended.</summary>
    public bool IsDone => Status != "InProgress";
}
