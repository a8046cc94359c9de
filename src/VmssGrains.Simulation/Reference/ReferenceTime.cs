using VmssGrains.Domain.Time;
using VmssGrains.Grains.Clock;

namespace VmssGrains.Simulation.Reference;

/// <summary>
/// One simulated object's wake-ups on the reference engine, as <see cref="SimulatedTime"/> keeps a grain's: the pending
/// wakes (<see cref="WakeSchedule"/>) and one timer armed at the earliest of them (at once when it is due now: the end
/// of the instant). A tick delivers the wakes due that were asked for before it began, then re-arms.
/// </summary>
/// <param name="engine">The engine.</param>
/// <param name="ownerKind">The object's kind, with its slash (<c>vminstance/</c>), for the fault's message.</param>
/// <param name="owner">The object's key, for the fault's message (the two are joined only then: an instance keeps no name of its own).</param>
/// <param name="onWake">Called with each token that is due.</param>
internal sealed class ReferenceTime(ReferenceEngine engine, string ownerKind, string owner, Action<long> onWake)
{
    private readonly WakeSchedule pending = new();
    private long armed = -1;
    private bool ticking;

    /// <summary>The simulated time now.</summary>
    public DateTimeOffset Now => engine.Now;

    /// <summary>Wakes the object with <paramref name="token"/> after <paramref name="delay"/> of simulated time.</summary>
    public void WakeAfter(TimeSpan delay, long token)
    {
        pending.Add(token, Now + (delay > TimeSpan.Zero ? delay : TimeSpan.Zero));
        if (!ticking)
        {
            Arm();
        }
    }

    /// <summary>Drops every pending wake.</summary>
    public void Clear()
    {
        pending.Clear();
        armed = -1;
    }

    /// <summary>True when the queue entry numbered <paramref name="sequence"/> is this timer's current schedule.</summary>
    internal bool IsArmed(long sequence) => sequence == armed;

    /// <summary>The engine took the timer to fire it.</summary>
    internal void Disarm() => armed = -1;

    /// <summary>Delivers the wakes due now that were asked for before the tick, then re-arms.</summary>
    internal void Tick()
    {
        ticking = true;
        try
        {
            var now = Now;
            var registeredBefore = pending.Mark;
            while (pending.TryTakeDue(now, registeredBefore, out var token))
            {
                try
                {
                    onWake(token);
                }
                catch (Exception e)
                {
                    engine.Fail($"the wake-up {token} of {ownerKind}{owner} at {now:O}", e);
                }
            }
        }
        finally
        {
            ticking = false;
            Arm();
        }
    }

    private void Arm() => armed = pending.NextDue is { } due ? engine.Schedule(this, due) : -1;
}
