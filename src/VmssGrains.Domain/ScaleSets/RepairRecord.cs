using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.ScaleSets;

/// <summary>One automatic repair (<c>automaticRepairsPolicy</c>): which instance, what was done, when, and how it ended.</summary>
[GenerateSerializer, Immutable, Alias("vmss.RepairRecord")]
public sealed record RepairRecord
{
    /// <summary>The unhealthy instance that was repaired.</summary>
    [Id(0)] public required string InstanceId { get; init; }

    /// <summary>Replace, Reimage or Restart.</summary>
    [Id(1)] public RepairAction RepairAction { get; init; }

    /// <summary>When the repair started (simulated).</summary>
    [Id(2)] public DateTimeOffset StartTime { get; init; }

    /// <summary>Replace: the new instance (a new id) that replaces the repaired one.</summary>
    [Id(3)] public string? ReplacementInstanceId { get; init; }

    /// <summary>When the repair ended (simulated), or null while it is under way.</summary>
    [Id(4)] public DateTimeOffset? EndTime { get; init; }

    /// <summary>InProgress, Succeeded (the instance, or its replacement, is healthy) or Failed.</summary>
    [Id(5)] public string Status { get; init; } = "InProgress";

    /// <summary>The error code when it failed.</summary>
    [Id(6)] public string? ErrorCode { get; init; }

    /// <summary>The error message when it failed.</summary>
    [Id(7)] public string? ErrorMessage { get; init; }

    /// <summary>The instance whose operation report ends the repair: the replacement for Replace, else the instance itself.</summary>
    public string ReportingInstanceId => ReplacementInstanceId ?? InstanceId;
}
