using VmssGrains.Domain.Instances;
using VmssGrains.Grains.Clock;

namespace VmssGrains.Grains.VmInstance;

/// <summary>
/// An instance grain's steps computed ahead (docs/machines.md#computed-steps): the current operation's steps that nobody
/// notices, applied when a call or the one wake-up armed for them comes, never each woken by a timer. Holds the
/// <see cref="InstanceLookahead"/> of the current step and the wake-up last armed; the rules are the lookahead's.
/// </summary>
internal sealed class ComputedSteps(SimulatedTime time)
{
    /// <summary>The current operation's steps computed ahead, and the one wake-up armed for them (null: no step under way).</summary>
    private InstanceLookahead? ahead;

    /// <summary>The step wake-up last armed on the timer: (token, due).</summary>
    private (long Token, DateTimeOffset Due) armed;

    /// <summary>No step is computed ahead.</summary>
    public bool None => ahead is null;

    /// <summary><paramref name="state"/> with the steps computed ahead that ended by now applied (<see cref="InstanceLookahead.CatchUp"/>).</summary>
    public InstanceState CatchUp(InstanceState state)
    {
        if (ahead is not { } a)
        {
            return state;
        }

        (var caughtUp, ahead) = a.CatchUp(state, time.Now);
        return caughtUp;
    }

    /// <summary><paramref name="state"/> as <see cref="CatchUp"/> would make it, without moving on (a read).</summary>
    public InstanceState Peek(InstanceState state) => ahead is { } a ? a.CatchUp(state, time.Now).State : state;

    /// <summary>
    /// Waking <paramref name="state"/> with <paramref name="token"/> now, as computed ahead when it was
    /// (<see cref="InstanceLookahead.Wake"/>); else as the machine wakes it.
    /// </summary>
    public InstanceTransition Wake(InstanceState state, long token, InstanceProfile profile) =>
        ahead?.Wake(state, token, profile, time.Now) ?? InstanceMachine.Wake(state, token, profile, time.Now);

    /// <summary>
    /// Whether a step wake-up with <paramref name="token"/> is stale, after <see cref="CatchUp"/>: steps computed ahead
    /// still end before it, or the lookahead has since moved it.
    /// </summary>
    public bool IsStale(long token) => ahead is { } a && (a.Pending > 0 || a.Token != token || a.Due > time.Now);

    /// <summary>
    /// Computes the current operation's steps ahead from <paramref name="state"/>, its current step ending with
    /// <paramref name="step"/> (else the step already known), and arms the timer for the first wake-up that matters.
    /// With no step given and none under way (or a new one not yet armed), nothing is computed ahead.
    /// </summary>
    public void LookAhead(InstanceState? state, InstanceProfile? profile, (long Token, DateTimeOffset Due)? step)
    {
        if (step is null && (state is not { Active: not null } current || ahead is not { } known || known.Step.Token != current.WakeToken))
        {
            ahead = null;
            return;
        }

        var (token, due) = step ?? ahead!.Step;
        ahead = InstanceLookahead.Compute(state!, profile!, token, due);
        if (armed != (ahead.Token, ahead.Due))
        {
            armed = (ahead.Token, ahead.Due);
            time.WakeAfter(ahead.Due - time.Now, ahead.Token);
        }
    }

    /// <summary>Forgets the steps computed ahead (the instance is deleted or parks).</summary>
    public void Clear()
    {
        ahead = null;
        armed = default;
    }
}
