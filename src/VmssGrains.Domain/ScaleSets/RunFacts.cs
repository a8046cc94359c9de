using VmssGrains.Domain.Rolling;

namespace VmssGrains.Domain.ScaleSets;

/// <summary>What a run's change means for those who observe it: batches started and ended, the run ended.</summary>
public static class RunFacts
{
    /// <summary>The batch of <paramref name="before"/> that <paramref name="after"/> ended, if one did.</summary>
    public static BatchRecord? EndedBatch(RunState? before, RunState after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var count = before?.Batches.Count ?? 0;
        return count > 0 && before!.Batches[^1].EndTime is null && after.Batches[count - 1].EndTime is not null ? after.Batches[count - 1] : null;
    }

    /// <summary>The batch <paramref name="after"/> started, if it did.</summary>
    public static BatchRecord? StartedBatch(RunState? before, RunState after)
    {
        ArgumentNullException.ThrowIfNull(after);
        return after.Batches.Count > (before?.Batches.Count ?? 0) ? after.Batches[^1] : null;
    }

    /// <summary>True when <paramref name="after"/> ended the run.</summary>
    public static bool Ended(RunState? before, RunState after)
    {
        ArgumentNullException.ThrowIfNull(after);
        return after.IsEnded && before is not { IsEnded: true };
    }
}
