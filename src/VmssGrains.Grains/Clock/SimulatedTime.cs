using VmssGrains.Domain.Time;

namespace VmssGrains.Grains.Clock;

/// <summary>
/// The one seam for simulated delays (docs/clock.md#the-seam): a grain asks to be woken after a simulated delay with a
/// token and gets <c>onWake(token)</c> on its own scheduler. One grain timer per grain, re-armed to the
/// earliest pending wake; created on the simulation clock and keeping the grain alive. Ticks do not
/// interleave with the grain's calls, so a transition and its commands are never split. The
/// same grain code runs on the virtual, scaled and real clocks.
/// </summary>
/// <remarks>
/// A delay of any length works: a timer takes at most <see cref="SimulationTimers.MaxDueTime"/> (about 49.7
/// days), so a longer wait is a chain of ticks that deliver nothing and re-arm for the rest. An exception
/// thrown by a wake-up is never swallowed (Orleans would log and ignore it): it is reported as the
/// simulation's fault (<see cref="Hosting.SimulationFaults"/>), which fails the run.
/// </remarks>
public sealed class SimulatedTime
{
    private readonly IGrainBase grain;
    private readonly TimeProvider clock;
    private readonly Func<long, Task> onWake;
    private readonly WakeSchedule pending = new();
    /// <summary>The grain timer with the virtual timer under it (its tick hook); default while none is armed.</summary>
    private SimulationTimer<IGrainTimer?> timer;
    private bool ticking;
    private long acted;

    /// <summary>Creates the seam of one grain.</summary>
    public SimulatedTime(IGrainBase grain, TimeProvider clock, Func<long, Task> onWake)
    {
        this.grain = grain;
        this.clock = clock;
        this.onWake = onWake;
    }

    /// <summary>
    /// The simulated time the grain acts at now: the clock's time on the virtual clock; on a scaled or real clock the
    /// time its current wake-up was due or its caller acted at (<see cref="CallTime"/>), never earlier than before.
    /// </summary>
    public DateTimeOffset Now => CallTime.Acting(clock, ref acted);

    /// <summary>Wakes the grain with <paramref name="token"/> after <paramref name="delay"/> of simulated time.</summary>
    public void WakeAfter(TimeSpan delay, long token)
    {
        pending.Add(token, Now + (delay > TimeSpan.Zero ? delay : TimeSpan.Zero));
        if (!ticking)
        {
            Arm();
        }
    }

    /// <summary>
    /// Wakes the grain at the end of the current instant: at the same simulated time, once every event due
    /// now has been delivered. Decisions taken there do not depend on arrival order.
    /// </summary>
    public void WakeAtEndOfInstant(long token) => WakeAfter(TimeSpan.Zero, token);

    /// <summary>Whether no wake-up is pending: nothing will call the grain but another grain or a client.</summary>
    public bool Idle => pending.NextDue is null;

    /// <summary>Drops every pending wake (the grain is being deleted).</summary>
    public void Clear()
    {
        pending.Clear();
        timer.Timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private void Arm()
    {
        if (pending.NextDue is not { } next)
        {
            // Nothing to wake for: the timer goes (an idle instance of a fleet would keep about 400 bytes of timer in
            // Orleans and the clock). The next wake-up creates one again. Disposed at the end of a tick, it ends the tick.
            timer.Timer?.Dispose();
            timer = default;
            return;
        }

        // The wall wait runs from the clock's own time: the grain may act at a time the clock has already passed.
        var delay = next - clock.GetUtcNow();
        var due = delay > SimulationTimers.EndOfInstant ? delay : SimulationTimers.EndOfInstant;
        if (due > SimulationTimers.MaxDueTime)
        {
            // Beyond what a timer takes: wake at the limit, deliver nothing (nothing is due), re-arm for the rest.
            due = SimulationTimers.MaxDueTime;
        }

        if (timer.Timer is null)
        {
            timer = SimulationTimers.Create<IGrainTimer?>(() => grain.RegisterGrainTimer(
                OnTickAsync,
                new GrainTimerCreationOptions { DueTime = due, Period = Timeout.InfiniteTimeSpan, Interleave = false, KeepAlive = true }));
        }
        else
        {
            timer.Timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    private async Task OnTickAsync(CancellationToken cancellationToken)
    {
        timer.BeginTick();
        ticking = true;
        try
        {
            // Only wakes registered before this tick: one registered now for the end of this instant must
            // wait until everything else due now has been delivered.
            var now = clock.GetUtcNow();
            var registeredBefore = pending.Mark;
            while (pending.TryTakeDue(now, registeredBefore, out var token, out var due))
            {
                try
                {
                    // A wake-up acts at its due time however late the tick ran (a no-op on the virtual clock's time).
                    if (clock is not VirtualClock)
                    {
                        CallTime.Set(due);
                    }

                    await onWake(token);
                }
                catch (Exception e)
                {
                    Hosting.SimulationFaults.Report(grain.GrainContext, $"the wake-up {token} of {grain.GrainContext.GrainId} at {now:O}", e);
                }
                finally
                {
                    if (clock is not VirtualClock)
                    {
                        CallTime.Clear();
                    }
                }
            }
        }
        finally
        {
            ticking = false;

            // Re-arming inside the tick: Orleans applies it when the tick completes, which is when the clock
            // stops counting this tick, so the next wake is always registered before the count drops.
            try
            {
                Arm();
            }
            catch (Exception e)
            {
                Hosting.SimulationFaults.Report(grain.GrainContext, $"re-arming the timer of {grain.GrainContext.GrainId} at {Now:O}", e);
            }
        }
    }
}
