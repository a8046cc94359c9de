using System.Collections.Immutable;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Abstractions.Views;
using VmssGrains.Domain.Load;
using VmssGrains.Grains.Clock;
using VmssGrains.Grains.Hosting;

namespace VmssGrains.Grains.LoadBalancer;

/// <summary>
/// The silo's coalescer of backend changes (docs/clock.md#acting-time): instances hand it their load balancer changes
/// instead of calling the load balancer once per change, and it sends the changes one load balancer gets at one
/// simulated instant in one one-way <see cref="ILoadBalancerGrain.UpdateBackendsAsync"/> call (grouped by
/// <see cref="BackendChangeBatches{TChange}"/>): a batch of instances drained at one instant costs one call per load
/// balancer and silo, not one per instance. Thread-safe; holds no grain state.
/// </summary>
/// <remarks>
/// The first change after the buffer was empty schedules one flush on the thread pool, which sends whatever has
/// gathered by the time it runs (and again, in order, what gathers while it sends) — never on a wall timer. On the
/// virtual clock the buffered changes count as work in flight from the first one until the flush has sent them (each
/// sent call is then counted by <see cref="VirtualClockCallFilters"/>), so time cannot move while a change waits and
/// each change acts at the instant it was made. On a scaled or real clock each call carries the time its changes act
/// at (<see cref="CallTime"/>). A single flusher sends, so a load balancer gets this silo's changes in the order they
/// were made (every change of one backend comes from the silo of its instance). A caller that must know its changes
/// are on their way before it answers (an instance created or deleted by its scale set) awaits <see cref="WhenSent"/>.
/// </remarks>
public sealed class BackendUpdateBuffer(IGrainFactory grains, SimulationHost host)
{
    private readonly object gate = new();
    private readonly BackendChangeBatches<BackendUpdate> pending = new();
    private bool flushing;

    /// <summary>Completes once the changes waiting now have been sent (null: none waiting).</summary>
    private TaskCompletionSource? waiting;

    /// <summary>Completes once the changes being sent now have been sent (null: none).</summary>
    private Task? sending;

    /// <summary>Calls sent so far.</summary>
    private long sent;

    /// <summary>Calls sent so far (for tests and measurements).</summary>
    public long Sent => Interlocked.Read(ref sent);

    /// <summary>
    /// Queues <paramref name="update"/> for <paramref name="loadBalancer"/>, acting at <paramref name="at"/> (the caller's
    /// simulated time); it is sent promptly, in order after the changes queued before it.
    /// </summary>
    public void Add(string loadBalancer, DateTimeOffset at, BackendUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        lock (gate)
        {
            if (pending.IsEmpty)
            {
                // Released once the flush that takes this change has sent it.
                host.VirtualClock?.Enter();
                waiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            pending.Add(loadBalancer, at, update);
            if (flushing)
            {
                return;
            }

            flushing = true;
        }

        ThreadPool.UnsafeQueueUserWorkItem(static buffer => buffer.Flush(), this, preferLocal: false);
    }

    /// <summary>
    /// Completes once every change added so far has been sent (handed to Orleans, in order before anything a caller sends
    /// next): a grain whose caller awaits it (an instance being created or deleted) returns only after its backends are
    /// on their way, so the caller's next read of the load balancer sees them, as with a direct call.
    /// </summary>
    public Task WhenSent()
    {
        lock (gate)
        {
            return waiting?.Task ?? sending ?? Task.CompletedTask;
        }
    }

    private void Flush()
    {
        var stamped = host.VirtualClock is null;
        while (true)
        {
            List<(string LoadBalancer, DateTimeOffset At, ImmutableArray<BackendUpdate> Changes)> groups;
            TaskCompletionSource round;
            lock (gate)
            {
                if (pending.IsEmpty)
                {
                    flushing = false;
                    sending = null;
                    return;
                }

                groups = pending.Take();
                round = waiting!;
                waiting = null;
                sending = round.Task;
            }

            try
            {
                foreach (var (loadBalancer, at, changes) in groups)
                {
                    Send(loadBalancer, at, changes, stamped);
                }
            }
            finally
            {
                round.TrySetResult();
                host.VirtualClock?.Exit();
            }
        }
    }

    private void Send(string loadBalancer, DateTimeOffset at, ImmutableArray<BackendUpdate> changes, bool stamped)
    {
        try
        {
            if (stamped)
            {
                CallTime.Set(at);
            }

            // One-way: the task completes once the message is on its way; a failure to send it fails the simulation.
            var call = grains.GetGrain<ILoadBalancerGrain>(loadBalancer).UpdateBackendsAsync(changes);
            Interlocked.Increment(ref sent);
            if (!call.IsCompletedSuccessfully)
            {
                var what = $"sending {changes.Length} backend changes to load balancer {loadBalancer} at {at:O}";
                _ = call.ContinueWith(
                    (failed, state) => host.Monitor.Fail(new SimulationFaultException((string)state!, failed.Exception!.GetBaseException())),
                    what,
                    CancellationToken.None,
                    TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            }
        }
        catch (Exception e)
        {
            host.Monitor.Fail(new SimulationFaultException($"sending {changes.Length} backend changes to load balancer {loadBalancer} at {at:O}", e));
        }
        finally
        {
            if (stamped)
            {
                CallTime.Clear();
            }
        }
    }
}
