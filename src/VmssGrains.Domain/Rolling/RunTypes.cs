using System.Collections.Immutable;

namespace VmssGrains.Domain.Rolling;

/// <summary>What started a run and how it treats instances.</summary>
public enum RunKind
{
    /// <summary>A model update in Rolling mode (or an explicit rolling-upgrade start).</summary>
    RollingUpgrade,

    /// <summary>An OS image upgrade: <c>startOSUpgrade</c> or an automatic OS upgrade.</summary>
    OSUpgrade,

    /// <summary>An extension rolling upgrade (<c>startExtensionUpgrade</c>).</summary>
    ExtensionUpgrade,

    /// <summary>A model update in Automatic mode: every stale instance at once.</summary>
    Automatic,

    /// <summary>update-instances (<c>manualupgrade</c>) on chosen ids.</summary>
    ManualUpgrade,

    /// <summary>Reimage of chosen (or all) instances.</summary>
    Reimage,

    /// <summary>Reimage-all: data disks wiped too.</summary>
    ReimageAll,
}

/// <summary><c>runningStatus.code</c>.</summary>
public enum RunStatusCode
{
    /// <summary>Batches are being upgraded.</summary>
    RollingForward,

    /// <summary>Stopped by a cancel; the batch in flight finished.</summary>
    Cancelled,

    /// <summary>Every instance in scope was processed.</summary>
    Completed,

    /// <summary>Stopped by a policy breach.</summary>
    Faulted,

    /// <summary>
    /// A run without batches or health gates (Automatic mode, update-instances, reimage) in which an instance
    /// failed: Azure fails such an operation with the instance's own error instead of reporting rolling status.
    /// Never the code of a rolling run, so it never appears in <c>rollingUpgrades/latest</c> or the OS upgrade history.
    /// </summary>
    Failed,
}

/// <summary>Where a run is between events.</summary>
public enum RunPhase
{
    /// <summary>Started; the first batch is chosen at the end of the current instant.</summary>
    Starting,

    /// <summary>A batch is upgrading.</summary>
    InBatch,

    /// <summary>The batch finished; the post-batch check runs at the end of the current instant.</summary>
    BatchEnded,

    /// <summary>Waiting <c>pauseTimeBetweenBatches</c>.</summary>
    Pausing,

    /// <summary>The pause is over; the next batch is chosen at the end of the current instant.</summary>
    AwaitingNextBatch,

    /// <summary>The run is over.</summary>
    Ended,
}

/// <summary>One entry of <c>error.details</c>.</summary>
[GenerateSerializer, Immutable, Alias("vmss.RunErrorDetail")]
public sealed record RunErrorDetail([property: Id(0)] string Code, [property: Id(1)] string? Target, [property: Id(2)] string Message);

/// <summary>The <c>error</c> of a rolling upgrade status, with Azure's codes.</summary>
[GenerateSerializer, Immutable, Alias("vmss.RunError")]
public sealed record RunError(
    [property: Id(0)] string Code,
    [property: Id(1)] string Message,
    [property: Id(2)] ImmutableArray<RunErrorDetail> Details);

/// <summary>One batch of a run, for the report.</summary>
[GenerateSerializer, Immutable, Alias("vmss.BatchRecord")]
public sealed record BatchRecord(
    [property: Id(0)] int Index,
    [property: Id(1)] string? Zone,
    [property: Id(2)] ImmutableArray<string> InstanceIds,
    [property: Id(3)] DateTimeOffset StartTime,
    [property: Id(4)] DateTimeOffset? EndTime = null)
{
    /// <summary>The instance whose operation ended the batch, with its steps; null while under way or when none reported.</summary>
    [Id(5)] public CriticalInstance? Critical { get; init; }
}

/// <summary>How one instance's upgrade ended, as it reported it.</summary>
[GenerateSerializer, Immutable, Alias("vmss.InstanceOutcome")]
public sealed record InstanceOutcome(
    [property: Id(0)] string InstanceId,
    [property: Id(1)] bool Succeeded,
    [property: Id(2)] string? ErrorCode = null,
    [property: Id(3)] string? ErrorMessage = null)
{
    /// <summary>Automatic OS upgrade rollback: null when none was tried, true when the previous OS disk is back and healthy.</summary>
    [Id(4)] public bool? RolledBack { get; init; }
}
