using System.Collections.Immutable;

namespace VmssGrains.Domain.Rolling;

/// <summary>A fact the run reacts to.</summary>
[GenerateSerializer, Immutable, Alias("vmss.RunEvent")]
public abstract record RunEvent;

/// <summary>The end of an instant: every event due now has been delivered; decide what happens next.</summary>
[GenerateSerializer, Immutable, Alias("vmss.RunEvent.Evaluate")]
public sealed record EvaluateDue : RunEvent;

/// <summary>An instance of the current batch reported its result.</summary>
[GenerateSerializer, Immutable, Alias("vmss.RunEvent.InstanceFinished")]
public sealed record InstanceFinished([property: Id(0)] InstanceOutcome Outcome) : RunEvent
{
    /// <summary>The steps of the instance's operation as it reported them (for the run's time breakdown); empty when unknown.</summary>
    [Id(1)] public ImmutableArray<Instances.StepRecord> Steps { get; init; } = [];
}

/// <summary>The pause between batches is over.</summary>
[GenerateSerializer, Immutable, Alias("vmss.RunEvent.PauseElapsed")]
public sealed record PauseElapsed([property: Id(0)] int Token) : RunEvent;

/// <summary>The run is cancelled: by the user, or by the platform with a reason (<see cref="Error"/>).</summary>
[GenerateSerializer, Immutable, Alias("vmss.RunEvent.CancelRequested")]
public sealed record CancelRequested : RunEvent
{
    /// <summary>Why the platform cancelled the run, if it did.</summary>
    [Id(0)] public RunError? Error { get; init; }
}

/// <summary>An instance of the batch was not upgraded after all (its surge instance failed): it is pending again.</summary>
[GenerateSerializer, Immutable, Alias("vmss.RunEvent.InstanceReturned")]
public sealed record InstanceReturned([property: Id(0)] string InstanceId) : RunEvent;

/// <summary>An instruction the grain carries out for the run.</summary>
public abstract record RunCommand;

/// <summary>Tell these instances to upgrade now.</summary>
public sealed record StartBatch(int Index, ImmutableArray<string> InstanceIds) : RunCommand;

/// <summary>Deliver <see cref="EvaluateDue"/> at the end of the current instant.</summary>
public sealed record EvaluateAtEndOfInstant : RunCommand;

/// <summary>Deliver <see cref="PauseElapsed"/> after the delay.</summary>
public sealed record WakeAfterPause(TimeSpan Delay, int Token) : RunCommand;

/// <summary>The run ended; persist it and finish the operation that started it.</summary>
public sealed record RunEnded(RunStatusCode Code) : RunCommand;

/// <summary>The new state of a run and what to do about it.</summary>
public sealed record RunTransition(RunState State, ImmutableArray<RunCommand> Commands);
