using System.Reflection;
using Orleans.Concurrency;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Domain.Rolling;
using VmssGrains.Grains.Clock;

namespace VmssGrains.Grains.Tests;

/// <summary>
/// Status reads never compete with the run they observe: they are read-only (the virtual clock does not count them as
/// work in flight), the scale set and load balancer serve them interleaved, and polling throughout a rolling upgrade
/// neither moves its simulated end nor ever sees progress go back.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class StatusReadTests(ClusterFixture fixture)
{
    private static string[] Marked(Type grain, Type attribute) =>
        [.. grain.GetMethods().Where(m => m.GetCustomAttribute(attribute) is not null).Select(m => m.Name).Order(StringComparer.Ordinal)];

    [Fact]
    public void StatusReads_AreReadOnly_AndTheScaleSetsAndLoadBalancersInterleaved()
    {
        string[] scaleSetReads =
        [
            "ExistsAsync", "GetActivityLogAsync", "GetAsync", "GetLatestRollingUpgradeAsync", "GetOperationAsync", "GetSnapshotAsync",
            "IsSettledAsync", "ListInstancesAsync", "ListInstancesPageAsync",
        ];
        Assert.Equal(scaleSetReads, Marked(typeof(IScaleSetGrain), typeof(ReadOnlyAttribute)));
        Assert.Equal(
            [.. scaleSetReads.Append("GetInstanceProfileAsync").Append("OnImageCatalogChangedAsync").Append("TakeInstanceAsync").Append("ParkInstanceAsync").Order(StringComparer.Ordinal)],
            Marked(typeof(IScaleSetGrain), typeof(AlwaysInterleaveAttribute)));
        Assert.Equal(["GetStateAsync"], Marked(typeof(IVmInstanceGrain), typeof(ReadOnlyAttribute)));
        Assert.Empty(Marked(typeof(IVmInstanceGrain), typeof(AlwaysInterleaveAttribute)));
        Assert.Equal(["GetConfigAsync", "GetStatusAsync"], Marked(typeof(ILoadBalancerGrain), typeof(ReadOnlyAttribute)));
        Assert.Equal(["GetConfigAsync", "GetStatusAsync"], Marked(typeof(ILoadBalancerGrain), typeof(AlwaysInterleaveAttribute)));
    }

    [Theory]
    [InlineData(typeof(IScaleSetGrain), nameof(IScaleSetGrain.GetLatestRollingUpgradeAsync), 0)]
    [InlineData(typeof(IScaleSetGrain), nameof(IScaleSetGrain.ListInstancesPageAsync), 0)]
    [InlineData(typeof(IVmInstanceGrain), nameof(IVmInstanceGrain.GetStateAsync), 0)]
    [InlineData(typeof(ILoadBalancerGrain), nameof(ILoadBalancerGrain.GetStatusAsync), 0)]
    [InlineData(typeof(IScaleSetGrain), nameof(IScaleSetGrain.UpdateAsync), 1)]
    [InlineData(typeof(IVmInstanceGrain), nameof(IVmInstanceGrain.InitializeAsync), 1)]
    [InlineData(typeof(ILoadBalancerGrain), nameof(ILoadBalancerGrain.SetTargetCapacityAsync), 1)]
    public async Task OutgoingCallUnderWay_CountsAsWorkInFlight_UnlessARead(Type grain, string method, long counted)
    {
        using var clock = new VirtualClock(VirtualClock.DefaultEpoch);
        var filters = new VirtualClockCallFilters(clock);
        var response = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var call = filters.Invoke(CallContext.Of(grain.GetMethod(method)!, response.Task));

        Assert.Equal(counted, clock.InFlight);
        response.SetResult();
        await call;
        Assert.Equal((0L, 0L), (clock.InFlight, clock.Underflows));
    }

    [Fact]
    public async Task RollingUpgrade_PolledThroughout_EndsWhenUnpolledAndProgressNeverGoesBack()
    {
        const string name = "polled";
        await fixture.CreateAsync(name, Fleets.ScaleSet(10));
        var start = fixture.Now;
        await fixture.ScaleSet(name).UpdateAsync(Fleets.ImagePatch("1.1.0"));

        using var stop = new CancellationTokenSource();
        var seen = new List<int>[4];
        var pollers = Enumerable.Range(0, seen.Length).Select(p => PollAsync(name, seen[p] = [], stop.Token)).ToList();
        var end = await fixture.SettleAsync();
        await stop.CancelAsync();
        await Task.WhenAll(pollers);

        Assert.Equal(start + (5 * Fleets.Upgrade), end);
        var run = (await fixture.ScaleSet(name).GetLatestRollingUpgradeAsync())!.Run;
        Assert.Equal((RunStatusCode.Completed, (10, 0, 0, 0)), (run.Code, run.Progress));
        Assert.All(seen, Assert.NotEmpty);
        Assert.All(seen, s => Assert.Equal(s.Order(), s));
    }

    /// <summary>Reads get-latest, a page of instances and one instance's view in a loop; records the upgraded count seen.</summary>
    private async Task PollAsync(string name, List<int> seen, CancellationToken stop)
    {
        var scaleSet = fixture.ScaleSet(name);
        string? page = null;
        while (!stop.IsCancellationRequested)
        {
            var latest = await scaleSet.GetLatestRollingUpgradeAsync(CancellationToken.None);
            seen.Add(latest!.Run.Progress.Successful);
            var listed = await scaleSet.ListInstancesPageAsync(3, page, cancellationToken: CancellationToken.None);
            Assert.InRange(listed.Value.Length, 1, 3);
            page = listed.SkipToken;
            Assert.NotNull(await fixture.Instance(name, listed.Value[0].InstanceId).GetStateAsync());
            await Task.Yield();
        }
    }

    /// <summary>An outgoing call context for the filter: its method, and a response that comes when the test says.</summary>
    public class CallContext : DispatchProxy
    {
        private MethodInfo method = null!;
        private Task response = Task.CompletedTask;

        /// <summary>A context whose <c>Invoke</c> completes with <paramref name="response"/>.</summary>
        public static IOutgoingGrainCallContext Of(MethodInfo method, Task response)
        {
            var context = Create<IOutgoingGrainCallContext, CallContext>();
            var proxy = (CallContext)(object)context;
            (proxy.method, proxy.response) = (method, response);
            return context;
        }

        /// <inheritdoc/>
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
        {
            "get_InterfaceMethod" => method,
            "Invoke" => response,
            _ => throw new NotSupportedException(targetMethod?.Name),
        };
    }
}
