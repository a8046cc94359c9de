using VmssGrains.Domain.Load;

namespace VmssGrains.Domain.Tests;

/// <summary>
/// How backend changes are grouped into load balancer calls: per load balancer, consecutive changes at one simulated
/// time share a call, and every load balancer gets its changes in the order they were made.
/// </summary>
public sealed class BackendChangeBatchesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Take_ChangesAtOneInstant_OneGroupPerLoadBalancerInOrderOfFirstChange()
    {
        var batches = new BackendChangeBatches<string>();
        batches.Add("lb-b", T0, "b/0 drained");
        batches.Add("lb-a", T0, "a/0 drained");
        batches.Add("lb-b", T0, "b/1 drained");
        batches.Add("lb-a", T0, "a/1 drained");
        batches.Add("lb-b", T0, "b/0 removed");
        Assert.Equal(5, batches.Count);

        var groups = batches.Take();

        Assert.Equal(
            [("lb-b", T0, "b/0 drained|b/1 drained|b/0 removed"), ("lb-a", T0, "a/0 drained|a/1 drained")],
            groups.Select(g => (g.LoadBalancer, g.At, string.Join('|', g.Changes))));
        Assert.True(batches.IsEmpty);
        Assert.Equal(0, batches.Count);
        Assert.Empty(batches.Take());
    }

    [Fact]
    public void Take_AnotherTimeInBetween_StartsANewGroupSoTheOrderPerLoadBalancerIsKept()
    {
        // A scaled clock: changes carry their caller's time, which need not be the same for all instances.
        var later = T0.AddSeconds(1);
        var batches = new BackendChangeBatches<string>();
        batches.Add("lb", T0, "0 drained");
        batches.Add("lb", T0, "1 drained");
        batches.Add("lb", later, "0 in pool");
        batches.Add("lb", T0, "2 drained");
        batches.Add("other", later, "9 healthy");

        var groups = batches.Take();

        Assert.Equal(
            [("lb", T0, "0 drained|1 drained"), ("lb", later, "0 in pool"), ("lb", T0, "2 drained"), ("other", later, "9 healthy")],
            groups.Select(g => (g.LoadBalancer, g.At, string.Join('|', g.Changes))));
    }

    [Fact]
    public void Take_MoreThanMaxBatch_SplitsInOrder()
    {
        var batches = new BackendChangeBatches<int>(maxBatch: 2);
        for (var i = 0; i < 5; i++)
        {
            batches.Add("lb", T0, i);
        }

        var groups = batches.Take();

        Assert.Equal(["0,1", "2,3", "4"], groups.Select(g => string.Join(',', g.Changes)));
    }

    [Fact]
    public void Take_AfterATake_GroupsStartAfresh()
    {
        var batches = new BackendChangeBatches<int>();
        batches.Add("lb", T0, 1);
        _ = batches.Take();
        batches.Add("lb", T0, 2);

        var groups = batches.Take();

        Assert.Equal([("lb", T0, "2")], groups.Select(g => (g.LoadBalancer, g.At, string.Join(',', g.Changes))));
    }

    [Fact]
    public void New_MaxBatchBelowOne_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new BackendChangeBatches<int>(0));
}
