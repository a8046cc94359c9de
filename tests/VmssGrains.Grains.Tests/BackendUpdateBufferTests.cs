using System.Collections.Immutable;
using System.Reflection;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Abstractions.Views;
using VmssGrains.Grains.Clock;
using VmssGrains.Grains.Hosting;
using VmssGrains.Grains.LoadBalancer;

namespace VmssGrains.Grains.Tests;

/// <summary>
/// The silo's coalescer of backend changes on its own, against a recording stand-in for the grain factory: what each
/// call carries, the time it acts at on a scaled clock, and the virtual clock held while changes wait.
/// </summary>
public sealed class BackendUpdateBufferTests
{
    private static readonly DateTimeOffset T0 = VirtualClock.DefaultEpoch;

    [Fact]
    public async Task ScaledClock_EachCallCarriesTheTimeItsChangesActAt_InTheOrderTheyWereMade()
    {
        using var host = SimulationHost.Create(new ClockSpec(ClockKind.Scaled, 60));
        var calls = new Recorder();
        var buffer = new BackendUpdateBuffer(calls.Factory, host);
        var later = T0.AddSeconds(10);

        buffer.Add("lb", T0, Change("s/0", inPool: false));
        buffer.Add("lb", T0, Change("s/1", inPool: false));
        buffer.Add("other", T0, Change("s/2", inPool: false));
        buffer.Add("lb", later, Change("s/0", inPool: true));
        buffer.Add("lb", later, new BackendUpdate("s/1", false, false, false));
        await buffer.WhenSent();

        // However the flushes fell, each call carries its changes' time (shown after @), and per load balancer the
        // changes arrive in the order they were made: 3 calls at best, one per load balancer and time.
        var sent = calls.Calls.ToArray();
        Assert.Equal(
            ["s/0 False @0", "s/1 False @0", "s/0 True @10", "s/1 removed @10"],
            sent.Where(c => c.LoadBalancer == "lb").SelectMany(c => c.Updates.Select(u => Describe(u, c.At))));
        Assert.Equal(["s/2 False @0"], sent.Where(c => c.LoadBalancer == "other").SelectMany(c => c.Updates.Select(u => Describe(u, c.At))));
        Assert.Equal(sent.Length, buffer.Sent);
        Assert.InRange(sent.Length, 3, 5);
    }

    [Fact]
    public async Task VirtualClock_ChangesWaiting_CountAsWorkInFlightUntilSent()
    {
        using var host = SimulationHost.Create(ClockSpec.Virtual);
        var calls = new Recorder();
        calls.Gate.Reset();
        var buffer = new BackendUpdateBuffer(calls.Factory, host);

        buffer.Add("lb", T0, Change("s/0", inPool: false));
        Assert.True(calls.Entered.Wait(TimeSpan.FromSeconds(10)), "the flush did not start");

        // The flusher is inside its call: the buffer's count holds the clock, and no call time is stamped.
        Assert.Equal(1, host.VirtualClock!.InFlight);
        Assert.False(buffer.WhenSent().IsCompleted);
        calls.Gate.Set();
        await buffer.WhenSent().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal((0L, 0L), (host.VirtualClock.InFlight, host.VirtualClock.Underflows));
        Assert.Equal([("lb", (DateTimeOffset?)null, "s/0")], calls.Calls.Select(c => (c.LoadBalancer, c.Stamped, string.Join(',', c.Updates.Select(u => u.Backend)))));
    }

    private static BackendUpdate Change(string backend, bool inPool) => new(backend, true, inPool, inPool);

    private static string Describe(BackendUpdate u, DateTimeOffset at) =>
        $"{u.Backend} {(u.Registered ? u.InPool.ToString() : "removed")} @{(at - T0).TotalSeconds:0}";

    /// <summary>A grain factory whose load balancers record each <c>UpdateBackendsAsync</c> and the call time it carried.</summary>
    private sealed class Recorder
    {
        public Recorder()
        {
            Factory = DispatchProxy.Create<IGrainFactory, FactoryProxy>();
            ((FactoryProxy)Factory).Recorder = this;
        }

        public IGrainFactory Factory { get; }

        public System.Collections.Concurrent.ConcurrentQueue<(string LoadBalancer, DateTimeOffset At, DateTimeOffset? Stamped, ImmutableArray<BackendUpdate> Updates)> Calls { get; } = new();

        /// <summary>Open: calls go through; reset: the flusher waits inside its call.</summary>
        public ManualResetEventSlim Gate { get; } = new(true);

        public ManualResetEventSlim Entered { get; } = new(false);
    }

    /// <summary>The stand-in factory: <c>GetGrain&lt;ILoadBalancerGrain&gt;(key)</c> only.</summary>
    public class FactoryProxy : DispatchProxy
    {
        internal object? Recorder { get; set; }

        /// <inheritdoc/>
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            Assert.Equal("GetGrain", targetMethod!.Name);
            var grain = DispatchProxy.Create<ILoadBalancerGrain, LoadBalancerProxy>();
            ((LoadBalancerProxy)(object)grain).Key = (string)args![0]!;
            ((LoadBalancerProxy)(object)grain).Recorder = Recorder;
            return grain;
        }
    }

    /// <summary>The stand-in load balancer: records <c>UpdateBackendsAsync</c> only.</summary>
    public class LoadBalancerProxy : DispatchProxy
    {
        internal string Key { get; set; } = "";

        internal object? Recorder { get; set; }

        /// <inheritdoc/>
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            Assert.Equal(nameof(ILoadBalancerGrain.UpdateBackendsAsync), targetMethod!.Name);
            var recorder = (Recorder)Recorder!;
            recorder.Entered.Set();
            recorder.Gate.Wait();
            var stamped = CallTime.Current;
            recorder.Calls.Enqueue((Key, stamped ?? T0, stamped, (ImmutableArray<BackendUpdate>)args![0]!));
            return Task.CompletedTask;
        }
    }
}
