using System.Collections.Immutable;
using VmssGrains.Domain.Rolling;

namespace VmssGrains.Abstractions.Views;

/// <summary>
/// A scale set's activity log, shared by both engines: records kept in the order they happened (at most
/// <see cref="Capacity"/>; the oldest tenth goes when it is full) and read in chronological order.
/// </summary>
/// <remarks>
/// A fleet's log holds about six records per instance upgraded (one per step and one for the instance), so a log kept
/// in memory stores each record as a small value with its strings kept once (a step, a result, a run id or an instance
/// id recurs in thousands of records): about 48 bytes a record instead of an object of 104 bytes and copies of its
/// strings. A log given a list (<see cref="ActivityLog(List{AuditRecord})"/>) keeps the records themselves in it.
/// </remarks>
public sealed class ActivityLog
{
    /// <summary>How many records a scale set keeps.</summary>
    public const int Capacity = 1_000_000;

    private const int NoBatch = int.MinValue;

    /// <summary>The records as given (a durable scale set persists this list), or null: kept compact.</summary>
    private readonly List<AuditRecord>? records;

    private readonly List<Entry> entries = [];
    private readonly List<string?> strings = [null];
    private readonly Dictionary<string, int> indexes = new(StringComparer.Ordinal);

    /// <summary>An empty log, kept compact in memory.</summary>
    public ActivityLog()
    {
    }

    /// <summary>A log kept in <paramref name="records"/> (chronological as added): a scale set persists that list with its state.</summary>
    public ActivityLog(List<AuditRecord> records) => this.records = records;

    /// <summary>Records kept.</summary>
    public int Count => records?.Count ?? entries.Count;

    /// <summary>Adds a record.</summary>
    public void Add(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (records is not null)
        {
            if (records.Count >= Capacity)
            {
                records.RemoveRange(0, Capacity / 10);
            }

            records.Add(record);
            return;
        }

        if (entries.Count >= Capacity)
        {
            entries.RemoveRange(0, Capacity / 10);
        }

        entries.Add(new Entry(
            record.Time, Index(record.Caller), Index(record.ScaleSet), Index(record.Action), Index(record.Result), Index(record.RunId),
            record.Batch ?? NoBatch, Index(record.InstanceId), Index(record.Step), Index(record.Message)));
    }

    /// <summary>
    /// The records matching <paramref name="query"/>, chronological. Instance reports arrive in any order, so at one
    /// simulated instant the instances' records come first, by instance id (each in its own order), then the scale
    /// set's, as they happened.
    /// </summary>
    public ImmutableArray<AuditRecord> Query(ActivityLogQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var all = records ?? entries.Select(Record);
        var matching = all
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

    private int Index(string? value)
    {
        if (value is null)
        {
            return 0;
        }

        if (!indexes.TryGetValue(value, out var index))
        {
            indexes[value] = index = strings.Count;
            strings.Add(value);
        }

        return index;
    }

    private AuditRecord Record(Entry entry) => new()
    {
        Time = entry.Time,
        Caller = strings[entry.Caller]!,
        ScaleSet = strings[entry.ScaleSet]!,
        Action = strings[entry.Action]!,
        Result = strings[entry.Result]!,
        RunId = strings[entry.RunId],
        Batch = entry.Batch == NoBatch ? null : entry.Batch,
        InstanceId = strings[entry.InstanceId],
        Step = strings[entry.Step],
        Message = strings[entry.Message],
    };

    /// <summary>One record: its time and its strings' places in the log's table (0: none).</summary>
    private readonly record struct Entry(
        DateTimeOffset Time, int Caller, int ScaleSet, int Action, int Result, int RunId, int Batch, int InstanceId, int Step, int Message);
}
