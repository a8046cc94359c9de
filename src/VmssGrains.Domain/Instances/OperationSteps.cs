namespace VmssGrains.Domain.Instances;

/// <summary>
/// Drives an operation through its plan with the step definitions (<see cref="InstanceSteps"/>): begins a step and
/// waits for its duration, completes it on the wake-up and goes on; zero-length steps complete at once.
/// </summary>
/// <remarks>
/// Hot path (every step of every instance): each copy of <see cref="InstanceState"/> or <see cref="ActiveOperation"/>
/// made here is one per step, so a change that leaves a record as it is makes no copy.
/// </remarks>
internal static class OperationSteps
{
    /// <summary>Enters steps from the current index until one takes time (a wake-up is asked for) or the operation is over.</summary>
    public static InstanceState Enter(InstanceState state, InstanceProfile profile, DateTimeOffset now, List<InstanceCommand> commands)
    {
        while (true)
        {
            var active = state.Active!;
            if (active.StepIndex >= active.Plan.Length)
            {
                return OperationCompletion.Finish(state, profile, null, now, commands);
            }

            var (begun, begunActive, duration) = Begin(state, profile, now, commands);
            if (duration > TimeSpan.Zero)
            {
                // The step takes time: the wake-up that ends it, in the same copy as the step's start.
                var token = begun.WakeToken + 1;
                commands.Add(new WakeInstanceAfter(duration, token));
                return begun with { Active = begunActive, WakeToken = token };
            }

            var end = Complete(begun with { Active = begunActive }, profile, now, commands);
            if (end.Finished)
            {
                return end.State;
            }

            state = NextStep(end.State);
        }
    }

    /// <summary>The current step's time is up: completes it, then enters the next ones.</summary>
    public static InstanceState Advance(InstanceState state, InstanceProfile profile, DateTimeOffset now, List<InstanceCommand> commands)
    {
        var end = Complete(state, profile, now, commands);
        return end.Finished ? end.State : Enter(NextStep(end.State), profile, now, commands);
    }

    private static InstanceState NextStep(InstanceState state) =>
        state with { Active = state.Active! with { StepIndex = state.Active.StepIndex + 1 } };

    /// <summary>
    /// Begins the current step: the instance as its definition leaves it, and the operation as it stands once begun
    /// (the stream after the step's draws, the failure decided, the start time), not yet set on the instance.
    /// </summary>
    private static (InstanceState State, ActiveOperation Active, TimeSpan Duration) Begin(InstanceState state, InstanceProfile profile, DateTimeOffset now, List<InstanceCommand> commands)
    {
        var definition = InstanceSteps.Of(state.Active!.Step);
        var random = definition.Duration(state, profile, state.Active.Random, out var duration);
        var begun = definition.Begin(state, profile, random, now, commands);
        return (begun.State, begun.State.Active! with { Random = begun.Random, PendingFailure = begun.Failure, StepStartedAt = now }, duration);
    }

    /// <summary>Records the step in the history, then lets its definition end it; the failure decided at its start is then spent.</summary>
    private static StepEnd Complete(InstanceState state, InstanceProfile profile, DateTimeOffset now, List<InstanceCommand> commands)
    {
        var active = state.Active!;
        var definition = InstanceSteps.Of(active.Step);
        var failure = active.PendingFailure;
        var record = new StepRecord(definition.Name, definition.Subject(active), active.StepStartedAt, now, failure?.Code ?? "Succeeded", failure?.Message);
        state = state with { Active = active with { History = active.History.Add(record) } };
        var end = definition.Complete(state, profile, failure, now, commands);
        if (end.Finished || end.State.Active is { PendingFailure: null })
        {
            // Over, or no failure left to spend (a step that succeeded): the state stays as the definition left it.
            return end;
        }

        return StepEnd.Next(end.State with { Active = end.State.Active! with { PendingFailure = null } });
    }
}
