using System.Collections.Immutable;

namespace VmssGrains.Domain.Instances;

/// <summary>
/// The steps of an operation whose end nobody outside the instance notices, computed ahead (docs/machines.md#computed-steps):
/// from the wake-up that ends the current step, <see cref="InstanceMachine.Wake"/> is applied at each step's due time
/// for as long as a step's end only begins the next one (no load balancer update, no report, the operation still
/// under way). The first wake-up that does more is <see cref="Token"/> at <see cref="Due"/> (simulated): the only one
/// a grain needs a timer for. The steps before it are caught up with whenever the instance is next called or woken, so
/// the instance's state at any simulated time is exactly what waking at every step would have made it.
/// </summary>
/// <remarks>
/// Nothing is computed ahead while a random fault is armed (<see cref="InstanceState.RandomFaultArmed"/>): its wake-up
/// is ordered against step wake-ups by the instance's wake schedule, which a computed step could not respect. Any change
/// to the state by a call makes the steps computed from the old state obsolete: compute again from the current step
/// (<see cref="Step"/>).
/// </remarks>
public sealed class InstanceLookahead
{
    /// <summary>At most this many steps are computed ahead (an operation has fewer; a bound, not a rule).</summary>
    public const int MaxSteps = 64;

    private readonly ImmutableArray<SilentStep> silent;

    /// <summary>The wake-up at <see cref="Token"/> as computed from the state after the silent steps, if it was.</summary>
    private readonly Precomputed? next;

    private InstanceLookahead(ImmutableArray<SilentStep> silent, long token, DateTimeOffset due, Precomputed? next)
    {
        this.silent = silent;
        Token = token;
        Due = due;
        this.next = next;
    }

    /// <summary>The token of the first wake-up with an outside effect (or that could not be computed ahead).</summary>
    public long Token { get; }

    /// <summary>When that wake-up is due (simulated).</summary>
    public DateTimeOffset Due { get; }

    /// <summary>Steps computed ahead and not yet caught up with.</summary>
    public int Pending => silent.Length;

    /// <summary>The wake-up that ends the current step: the first one not caught up with.</summary>
    public (long Token, DateTimeOffset Due) Step => silent.IsEmpty ? (Token, Due) : (silent[0].Token, silent[0].Due);

    /// <summary>
    /// Computes ahead from <paramref name="state"/>, whose current step ends with <paramref name="token"/> at
    /// <paramref name="due"/> (simulated), with the instance's <paramref name="profile"/>.
    /// </summary>
    public static InstanceLookahead Compute(InstanceState state, InstanceProfile profile, long token, DateTimeOffset due)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(profile);
        var steps = ImmutableArray.CreateBuilder<SilentStep>();
        Precomputed? noticed = null;
        while (steps.Count < MaxSteps && !state.RandomFaultArmed && state.Active is not null)
        {
            var transition = InstanceMachine.Wake(state, token, profile, due);
            if (transition.Gone || transition.State.Active is null || transition.State.RandomFaultArmed
                || transition.Commands is not [WakeInstanceAfter { Token: > 0 } next] || next.Token != transition.State.WakeToken)
            {
                // The first wake-up others notice: kept, so that waking for it from this very state needs no second computation.
                noticed = new Precomputed(state, profile, transition);
                break;
            }

            steps.Add(new SilentStep(token, due, transition.State));
            state = transition.State;
            token = next.Token;
            due += next.Delay > TimeSpan.Zero ? next.Delay : TimeSpan.Zero;
        }

        return new InstanceLookahead(steps.ToImmutable(), token, due, noticed);
    }

    /// <summary>
    /// <see cref="InstanceMachine.Wake"/> of <paramref name="state"/> with <paramref name="token"/> at <paramref name="now"/>
    /// (simulated), if it was computed ahead: the wake-up at <see cref="Token"/> and <see cref="Due"/>, the steps before it
    /// caught up with, from this very state (the same object: any change since makes it computed again) and profile.
    /// Null otherwise: wake as usual. The machine is a pure function, so the transition is the one waking would give.
    /// </summary>
    public InstanceTransition? Wake(InstanceState state, long token, InstanceProfile profile, DateTimeOffset now) =>
        next is { } n && silent.IsEmpty && token == Token && now == Due && ReferenceEquals(state, n.From) && ReferenceEquals(profile, n.Profile)
            ? n.Transition
            : null;

    /// <summary>
    /// The state as of <paramref name="now"/> (simulated): every step computed ahead that ended at or before it applied to
    /// <paramref name="state"/>, and what is left ahead. A call at the instant a step ends sees the step ended, as it would
    /// have with a timer per step: the virtual clock fires the wake-ups due at an instant before a scenario's actions at
    /// that instant, and before the end-of-instant decisions that call instances.
    /// </summary>
    public (InstanceState State, InstanceLookahead Ahead) CatchUp(InstanceState state, DateTimeOffset now)
    {
        var taken = 0;
        while (taken < silent.Length && silent[taken].Due <= now)
        {
            state = silent[taken].After;
            taken++;
        }

        return taken == 0 ? (state, this) : (state, new InstanceLookahead(silent[taken..], Token, Due, next));
    }

    /// <summary>A step computed ahead: the wake-up that ends it and the state after it.</summary>
    private readonly record struct SilentStep(long Token, DateTimeOffset Due, InstanceState After);

    /// <summary>The first wake-up with an outside effect, computed from <paramref name="From"/> with <paramref name="Profile"/>.</summary>
    private sealed record Precomputed(InstanceState From, InstanceProfile Profile, InstanceTransition Transition);
}
