using Microsoft.Extensions.DependencyInjection;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Abstractions.Views;
using VmssGrains.Grains.LoadBalancer;

namespace VmssGrains.Grains.Tests;

/// <summary>
/// Instances hand their load balancer changes to their silo's <see cref="BackendUpdateBuffer"/>: the changes a batch makes
/// at one instant reach the load balancer in fewer calls than changes, and the load balancer sees the same counts at
/// every simulated second as when each change was its own call.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class BackendCoalescingGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Rolling_TenInstancesPerBatch_FewerCallsThanChangesAndTheSameCountsEachSecond()
    {
        const string name = "coalesce";
        var lb = fixture.Grains.GetGrain<ILoadBalancerGrain>("coalesce-lb");
        await lb.ConfigureAsync(new LoadBalancerConfig { RequestsPerSecond = 8000, CapacityPerInstance = 1000 });
        await fixture.CreateAsync(name, Fleets.ScaleSet(20, policy: Fleets.Policy(batch: 50, unhealthy: 50, upgradedUnhealthy: 50, pause: "PT30S"), loadBalancer: "coalesce-lb"));
        await fixture.SettleAsync();
        var start = fixture.Now;
        var sentBefore = Sent();

        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));
        var timeline = new List<(int Second, int Backends, int InPool, int InService)>();
        for (var second = 0; second <= 800; second++)
        {
            await fixture.Clock.RunUntilAsync(start + TimeSpan.FromSeconds(second));
            var status = await lb.GetStatusAsync();
            if (timeline.Count == 0 || (timeline[^1].Backends, timeline[^1].InPool, timeline[^1].InService) != (status.Backends, status.InPool, status.InService))
            {
                timeline.Add((second, status.Backends, status.InPool, status.InService));
            }
        }

        await fixture.SettleAsync();
        var calls = Sent() - sentBefore;

        // Fixed timing (Fleets.Fixed): a batch of 10 leaves the pool when its upgrade starts and is back in the pool and
        // healthy after the probes, 380 s later; the second batch starts after the 30 s pause.
        Assert.Equal([(0, 20, 10, 10), (380, 20, 20, 20), (410, 20, 10, 10), (790, 20, 20, 20)], timeline);

        // 3 changes per instance, 60 in all, at 4 instants: one call per instant and silo at best, never one per change.
        Assert.InRange(calls, 4, 59);
    }

    /// <summary>Calls the coalescers of every silo have sent so far.</summary>
    private long Sent() => fixture.Cluster.Silos.Sum(s => s.ServiceProvider.GetRequiredService<BackendUpdateBuffer>().Sent);
}
