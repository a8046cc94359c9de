namespace VmssGrains.Abstractions.Views;

/// <summary>
/// One entry of a scale set's activity log (the seed's "store upgrade logs for audit"): who did what, to
/// which run, batch and instance, which step, with what result, at what simulated time.
/// </summary>
[GenerateSerializer, Immutable, Alias("vmss.AuditRecord")]
public sealed record AuditRecord
{
    /// <summary>Simulated time.</summary>
    [Id(0)] public DateTimeOffset Time { get; init; }

    /// <summary>Who: the user of a console or scenario, or <c>Platform</c> for the steps the platform carries out.</summary>
    [Id(1)] public required string Caller { get; init; }

    /// <summary>The scale set.</summary>
    [Id(2)] public required string ScaleSet { get; init; }

    /// <summary>What: an operation (Update, Scale, Cancel, ...), a run or batch event, or an instance step.</summary>
    [Id(3)] public required string Action { get; init; }

    /// <summary>Accepted, Started, Succeeded, Failed, Completed, Faulted, Cancelled, or an Azure error code.</summary>
    [Id(4)] public required string Result { get; init; }

    /// <summary>The run, if any.</summary>
    [Id(5)] public string? RunId { get; init; }

    /// <summary>The batch index, if any.</summary>
    [Id(6)] public int? Batch { get; init; }

    /// <summary>The instance, if any.</summary>
    [Id(7)] public string? InstanceId { get; init; }

    /// <summary>The step of an instance operation (drain, reimage, boot, extension, probe, ...).</summary>
    [Id(8)] public string? Step { get; init; }

    /// <summary>Details: the extension, the error message, the new value.</summary>
    [Id(9)] public string? Message { get; init; }

    /// <summary>
    /// The record of a fact of the scale-set machine at <paramref name="time"/> (simulated): its own caller, else
    /// <paramref name="caller"/> (whoever made the request, or <c>User</c>).
    /// </summary>
    public static AuditRecord Of(Domain.ScaleSets.Audited fact, string caller, string scaleSet, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(fact);
        return new AuditRecord
        {
            Time = time,
            Caller = fact.Caller ?? caller,
            ScaleSet = scaleSet,
            Action = fact.Action,
            Result = fact.Result,
            RunId = fact.RunId,
            Batch = fact.Batch,
            InstanceId = fact.InstanceId,
            Step = fact.Step,
            Message = fact.Message,
        };
    }
}

/// <summary>A filter over the activity log; null fields do not filter.</summary>
[GenerateSerializer, Immutable, Alias("vmss.ActivityLogQuery")]
public sealed record ActivityLogQuery
{
    /// <summary>Only this run.</summary>
    [Id(0)] public string? RunId { get; init; }

    /// <summary>Only this instance.</summary>
    [Id(1)] public string? InstanceId { get; init; }

    /// <summary>From this simulated time on (inclusive).</summary>
    [Id(2)] public DateTimeOffset? From { get; init; }

    /// <summary>Until this simulated time (inclusive).</summary>
    [Id(3)] public DateTimeOffset? To { get; init; }

    /// <summary>Only this result (case-insensitive).</summary>
    [Id(4)] public string? Result { get; init; }

    /// <summary>At most this many records, the newest kept (0: all).</summary>
    [Id(5)] public int Limit { get; init; }

    /// <summary>True when the record passes the filter.</summary>
    public bool Matches(AuditRecord record) =>
        (RunId is null || string.Equals(record.RunId, RunId, StringComparison.OrdinalIgnoreCase))
        && (InstanceId is null || record.InstanceId == InstanceId)
        && (From is null || record.Time >= From)
        && (To is null || record.Time <= To)
        && (Result is null || string.Equals(record.Result, Result, StringComparison.OrdinalIgnoreCase));
}
