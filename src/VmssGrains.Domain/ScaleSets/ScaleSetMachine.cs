namespace VmssGrains.Domain.ScaleSets;

/// <summary>
/// A scale set's decisions as a pure function (docs/behaviour.md): <c>Decide(state, event, now) → (state, commands)</c>.
/// Everything Azure decides for a scale set lives here, once: which run a model change starts and over which
/// instances, scaling, maxSurge, rollback on a policy breach, automatic OS image upgrades, automatic repairs,
/// protection, the operations and their outcomes. Runs themselves proceed by <see cref="Rolling.RollingUpgradeMachine"/>,
/// instances by <see cref="Instances.InstanceMachine"/>. The carrier (the grain, or the reference engine) loads the
/// state, decides, keeps the new state and carries out the commands in order; it decides nothing.
/// </summary>
public static class ScaleSetMachine
{
    /// <summary>The wake-up token of a run's end-of-instant evaluation.</summary>
    public const long EvaluateToken = 1;

    /// <summary>The wake-up token of an automatic repair check.</summary>
    public const long RepairToken = 2;

    /// <summary>Wake-up tokens of a run's pauses are this plus the pause's own token.</summary>
    public const long PauseTokenBase = 1_000_000;

    /// <summary>
    /// Applies one event at simulated time <paramref name="now"/>. A refused request throws <see cref="AzureException"/>
    /// with Azure's code (InvalidParameter, NotFound, Conflict, OperationNotAllowed, InvalidRequestContent, …) and
    /// changes nothing: the input state is immutable.
    /// </summary>
    /// <returns>The new state, the commands in the order they must be carried out, and the operation a request started (if any).</returns>
    public static ScaleSetTransition Decide(ScaleSetState state, ScaleSetEvent e, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(e);
        var d = new ScaleSetDecision(state, now);
        var operation = d.Handle(e);
        d.NumberOrders();
        if (d.S.Exists)
        {
            d.RecordTimeline();
        }

        var request = e is not (InstanceReported or InstanceHealthChanged or WakeUpDue);
        var boundary = d.Commands.Exists(c => c is RunStarted or BatchStarted or BatchEnded or RunFinished);
        return new ScaleSetTransition(d.S, [.. d.Commands], operation) { Checkpoint = (state.Exists || d.S.Exists) && (request || boundary) };
    }
}
