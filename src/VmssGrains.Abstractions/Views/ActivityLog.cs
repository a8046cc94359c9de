using System.Collections.Immutable;
using VmssGrains.Domain.Rolling;

namespace VmssGrains.Abstractions.Views;

/// <summary>
/// A scale set's activity log, shared by both engines: records kept in the order they happened (at most
/// <see cref="Capacity"/>; the oldest tenth goes when it is full) and read in chronological order.
/// </summary>
public sealed class ActivityLog
{
    /// <summary>How many records a scale set keeps.</summary>
    public const int Capacity = 1_000_000;

    private readonly List<AuditRecord> records;

    /// <summary>An empty log.</summary>
    public ActivityLog()
        : this([])
    {
    }

    /// <summary>A log kept in <paramref name="records"/> (chronological as added): a scale set persists that list with its state.</summary>
    public ActivityLog(List<AuditRecord> records) => this.records = records;

    /// <summary>Adds a record.</summary>
    public void Add(AuditRecord record)
    {
        if (records.Count >= Capacity)
        {
            records.RemoveRange(0, Capacity / 10);
        }

        records.Add(record);
    }

    /// <summary>
    /// The records matching <paramref name="query"/>, chronological. Instance reports arrive in any order, so at one
    /// simulated instant the instances' records come first, by instance id (each in its own order), then the scale
    /// set's, as they happened.
    /// </summary>
    public ImmutableArray<AuditRecord> Query(ActivityLogQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var matching = records
            .Select((record, index) => (record, index))
            .Where(r => query.Matches(r.record))
            .OrderBy(r => r.record.Time)
            .ThenBy(r => r.record.InstanceId is null ? 1 : 0)
            .ThenBy(r => r.record.InstanceId ?? "", InstanceOrder.Instance)
            .ThenBy(r => r.index)
            .Select(r => r.record);
        if (query.Limit > 0)
        {
            matching = matching.TakeLast(query.Limit);
        }

        return [.. matching];
    }
}
