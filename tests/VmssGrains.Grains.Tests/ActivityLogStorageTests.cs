using VmssGrains.Abstractions.Views;

namespace VmssGrains.Grains.Tests;

/// <summary>The activity log kept compact in memory gives back exactly the records a log kept as a list gives.</summary>
public sealed class ActivityLogStorageTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static IEnumerable<AuditRecord> Records()
    {
        yield return new AuditRecord { Time = T0, Caller = "alice", ScaleSet = "web", Action = "Update", Result = "Accepted", Message = "sku.capacity: 3" };
        for (var i = 0; i < 3; i++)
        {
            foreach (var step in new[] { "drain", "reimage", "extension" })
            {
                yield return new AuditRecord
                {
                    Time = T0.AddSeconds(10 * (3 - i)), Caller = "Platform", ScaleSet = "web", Action = "InstanceStep", Result = step == "extension" && i == 1 ? "VMExtensionProvisioningError" : "Succeeded",
                    RunId = "run-1", Batch = i == 2 ? 0 : i + 1, InstanceId = new string(i.ToString()[0], 1), Step = step, Message = step == "extension" ? "app" : null,
                };
            }
        }

        yield return new AuditRecord { Time = T0.AddSeconds(30), Caller = "Platform", ScaleSet = "web", Action = "RollingUpgrade", Result = "Completed", RunId = "run-1" };
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public void Compact_GivesTheSameRecordsAsAList(ActivityLogQuery query)
    {
        var compact = new ActivityLog();
        var listed = new ActivityLog([]);
        foreach (var record in Records())
        {
            compact.Add(record);
            listed.Add(record);
        }

        Assert.Equal((11, 11), (compact.Count, listed.Count));
        Assert.Equal(listed.Query(query).ToArray(), compact.Query(query).ToArray());
    }

    public static TheoryData<ActivityLogQuery> Queries() =>
    [
        new ActivityLogQuery(),
        new ActivityLogQuery { RunId = "run-1" },
        new ActivityLogQuery { InstanceId = "1" },
        new ActivityLogQuery { Result = "VMExtensionProvisioningError" },
        new ActivityLogQuery { From = T0.AddSeconds(10), To = T0.AddSeconds(20) },
        new ActivityLogQuery { Limit = 2 },
    ];

    [Fact]
    public void Compact_KeepsNullsAndBatchZero()
    {
        var log = new ActivityLog();
        log.Add(new AuditRecord { Time = T0, Caller = "Platform", ScaleSet = "web", Action = "BatchStarted", Result = "Started", Batch = 0 });
        log.Add(new AuditRecord { Time = T0, Caller = "Platform", ScaleSet = "web", Action = "Delete", Result = "Accepted" });

        var records = log.Query(new ActivityLogQuery());

        Assert.Equal([(int?)0, null], records.Select(r => r.Batch));
        Assert.All(records, r => Assert.Equal((null, null, null, null), (r.RunId, r.InstanceId, r.Step, r.Message)));
    }
}
