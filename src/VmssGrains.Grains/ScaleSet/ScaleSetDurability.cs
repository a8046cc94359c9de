using Microsoft.Extensions.Logging;
using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.ScaleSets;
using VmssGrains.Grains.Clock;
using VmssGrains.Grains.Telemetry;

namespace VmssGrains.Grains.ScaleSet;

/// <summary>
/// What a scale set does on a durable store (<see cref="Hosting.GrainStore.Durable"/>) so that a run survives the silos
/// (docs/durability.md): it writes its state, activity log and wake-ups before carrying out each decision that changes
/// them; while work is under way a reminder re-activates it wherever it lives, and a wall-time timer checks every
/// <see cref="CheckPeriod"/> that each order in flight is still alive (<see cref="IVmInstanceGrain.CheckOrderAsync"/>),
/// giving lost ones again (<see cref="InstanceOperationsLost"/>). Never used on the memory store.
/// </summary>
internal sealed partial class ScaleSetDurability(
    Grain grain,
    IGrainFactory grains,
    string silo,
    IPersistentState<ScaleSetGrainState> store,
    SimulatedTime time,
    ScaleSetObserver observer,
    Func<ScaleSetEvent, Task> decide,
    ILogger logger,
    bool writeEveryDecision)
{
    /// <summary>The reminder that re-activates a scale set with work under way.</summary>
    public const string ReminderName = "vmss.resume";

    /// <summary>How often (wall time) the orders in flight are checked while work is under way.</summary>
    public static readonly TimeSpan CheckPeriod = TimeSpan.FromSeconds(3);

    /// <summary>The reminder's period (wall time): the longest a scale set nobody calls stays down after its silo died.</summary>
    public static readonly TimeSpan ReminderPeriod = TimeSpan.FromSeconds(10);

    /// <summary>How long (wall time) one check waits for an instance; an instance that does not answer is asked again next time.</summary>
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The longest (wall time) a decision that sends nothing new out waits to be written.</summary>
    public static readonly TimeSpan FlushDelay = TimeSpan.FromSeconds(1);

    private readonly bool everyDecision = writeEveryDecision;
    private IGrainTimer? timer;
    private IGrainTimer? flush;
    private bool reminded;
    private bool dirty;

    private ScaleSetState? S => store.State.State;

    private Dictionary<long, DateTimeOffset> Wakes => store.State.Wakes ??= [];

    private bool WorkUnderWay => S is { } s && (!s.InFlight.IsEmpty || s.Run is { IsEnded: false } || Wakes.Count > 0);

    /// <summary>On activation: the stored activity log goes on, the stored wake-ups are armed again, and work under way is watched.</summary>
    public async Task ActivateAsync()
    {
        observer.KeepActivityLogIn(store.State.ActivityLog ??= []);
        foreach (var (token, due) in Wakes)
        {
            time.WakeAfter(due - time.Now, token);
        }

        if (WorkUnderWay)
        {
            // Active again with work under way: the previous activation ended with its silo (scale sets are never idle-collected).
            var s = S!;
            observer.Audit(new Audited(
                "ScaleSetResumed",
                "Started",
                s.Run is { IsEnded: false } run ? run.RunId : null,
                Message: $"activated again from the stored state on {silo}: {s.InFlight.Count} instance order(s) in flight are checked",
                Caller: "Platform"));
            reminded = true;
            await WatchAsync();
        }
    }

    /// <summary>A wake-up is due: it is no longer to come.</summary>
    public void WokeUp(long token) => Wakes.Remove(token);

    /// <summary>
    /// Writes the state of <paramref name="transition"/> (and the wake-ups it asks for) before it is carried out, when
    /// anything changed. Unless <see cref="Hosting.GrainStore.WriteEveryDecision"/>, a decision that sends nothing new
    /// out (an instance's report that starts no order, no timed wake-up, no request, no run boundary) is written within
    /// <see cref="FlushDelay"/> instead: should the silo die before, the instances send those reports again when checked.
    /// </summary>
    public Task BeforeCarryingOutAsync(ScaleSetState before, ScaleSetTransition transition)
    {
        var changed = !before.Equals(transition.State);
        var now = transition.Checkpoint || everyDecision;
        foreach (var command in transition.Commands)
        {
            switch (command)
            {
                case WakeUp wake:
                    var delay = wake.Delay is { } d && d > TimeSpan.Zero ? d : TimeSpan.Zero;
                    Wakes[wake.Token] = time.Now + delay;
                    changed = true;
                    now |= delay > TimeSpan.Zero;
                    break;
                case ClearWakeUps:
                    Wakes.Clear();
                    now = true;
                    break;
                case StartOrder or RestoreInstance or CreateInstance or RemoveInstance:
                    now = true;
                    break;
                case Audited:
                    changed = true;
                    break;
            }
        }

        if (now)
        {
            dirty = false;
            return store.WriteStateAsync();
        }

        if (changed && !dirty)
        {
            dirty = true;
            flush ??= grain.RegisterGrainTimer(FlushAsync, new GrainTimerCreationOptions { DueTime = FlushDelay, Period = Timeout.InfiniteTimeSpan, Interleave = false, KeepAlive = true });
            flush.Change(FlushDelay, Timeout.InfiniteTimeSpan);
        }

        return Task.CompletedTask;
    }

    private Task FlushAsync(CancellationToken cancellationToken)
    {
        if (!dirty)
        {
            return Task.CompletedTask;
        }

        dirty = false;
        return store.WriteStateAsync();
    }

    /// <summary>After a decision: the timer and reminder follow whether work is under way.</summary>
    public async Task WatchAsync()
    {
        if (WorkUnderWay)
        {
            timer ??= grain.RegisterGrainTimer(CheckAsync, new GrainTimerCreationOptions { DueTime = CheckPeriod, Period = CheckPeriod, Interleave = false, KeepAlive = true });
            if (!reminded)
            {
                reminded = true;
                await grain.RegisterOrUpdateReminder(ReminderName, ReminderPeriod, ReminderPeriod);
            }

            return;
        }

        timer?.Dispose();
        timer = null;
        if (reminded)
        {
            reminded = false;
            if (await grain.GetReminder(ReminderName) is { } reminder)
            {
                await grain.UnregisterReminder(reminder);
            }
        }
    }

    /// <summary>Asks every instance with an order in flight where it stands, and gives again the orders that were lost.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken = default)
    {
        if (S is not { } s || s.InFlight.IsEmpty)
        {
            await WatchAsync();
            return;
        }

        var asked = s.InFlight.Keys.Select(id => (Id: id, Serial: s.Instances[id].OrderSerial)).ToList();
        var answers = await Task.WhenAll(asked.Select(a => AskAsync(a.Id, a.Serial)));
        var lost = new List<LostOperation>();
        var missing = new List<LostOperation>();
        for (var i = 0; i < asked.Count; i++)
        {
            var (id, serial) = asked[i];
            if (S!.InFlight.ContainsKey(id) && S.Instances.TryGetValue(id, out var now) && now.OrderSerial == serial)
            {
                (answers[i] == OrderCheck.Lost ? lost : answers[i] == OrderCheck.Missing ? missing : null)?.Add(new LostOperation(id, answers[i] == OrderCheck.Lost));
            }
        }

        if (lost.Count > 0)
        {
            await decide(new InstanceOperationsLost([.. lost], "instance state lost (its silo stopped)"));
        }

        if (missing.Count > 0)
        {
            await decide(new InstanceOperationsLost([.. missing], "order never reached the instance"));
        }
    }

    [LoggerMessage(EventId = 120, Level = LogLevel.Information, Message = "Scale set {ScaleSet}: instance {InstanceId} did not answer the check of order {Serial}; asked again later")]
    private static partial void LogNoAnswer(ILogger logger, string scaleSet, string instanceId, long serial, Exception error);

    private async Task<OrderCheck> AskAsync(string instanceId, long serial)
    {
        try
        {
            return await grains.GetGrain<IVmInstanceGrain>(GrainKeys.Instance(S!.Name, instanceId)).CheckOrderAsync(serial).WaitAsync(AnswerTimeout);
        }
        catch (Exception e) when (e is TimeoutException or OrleansException)
        {
            LogNoAnswer(logger, S!.Name, instanceId, serial, e);
            return OrderCheck.Running;
        }
    }
}
