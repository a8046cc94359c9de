namespace VmssGrains.Domain.Instances;

/// <summary>
/// Drives an operation through its plan with the step definitions (<see cref="InstanceSteps"/>): begins a step and
/// waits for its duration, completes it on the wake-up and goes on; zero-length steps complete at once.
/// </summary>
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

            state = Begin(state, profile, now, commands, out var duration);
            if (duration > TimeSpan.Zero)
            {
                var token = state.WakeToken + 1;
                commands.Add(new WakeInstanceAfter(duration, token));
                return state with { WakeToken = token };
            }

            var end = Complete(state, profile, now, commands);
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

    private static InstanceState Begin(InstanceState state, InstanceProfile profile, DateTimeOffset now, List<InstanceCommand> commands, out TimeSpan duration)
    {
        var definition = InstanceSteps.Of(state.Active!.Step);
        var random = definition.Duration(state, profile, state.Active.Random, out duration);
        var begun = definition.Begin(state, profile, random, now, commands);
        return begun.State with { Active = begun.State.Active! with { Random = begun.Random, PendingFailure = begun.Failure, StepStartedAt = now } };
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
        return end.Finished ? end : StepEnd.Next(end.State with { Active = end.State.Active! with { PendingFailure = null } });
    }
}
