using System.Collections.Immutable;
using VmssGrains.Domain.Instances;

namespace VmssGrains.Domain.Rolling;

/// <summary>
/// Where an ended run's simulated time went (docs/report.md#time-breakdown). The run's duration (end − start) is the
/// time before its first batch, its batches' spans, the gaps between batches (<c>pause</c>) and the time after its last
/// batch. A batch's span is given to the steps of its critical instance (<see cref="CriticalInstance"/>) by step name
/// (<c>drain</c>, <c>reimage</c>, <c>boot</c>, <c>extension:NAME</c>, <c>probe</c>, <c>healthWaitTimeout</c> for a probe
/// that timed out, <c>provision</c>, <c>delete</c>, <c>restart</c>); the rest of the span is <c>surgeInstance</c> in a
/// maxSurge run (the replacement being created before the old instance is deleted) and <c>other</c> otherwise, as is
/// the time outside batches that is not a pause. The parts add up to the duration exactly.
/// </summary>
public static class RunTimeBreakdown
{
    /// <summary>The parts, in the order they first occur, and the critical instance of each batch; null while the run is under way.</summary>
    public static (ImmutableArray<(string Part, TimeSpan Time)> Parts, ImmutableArray<string?> CriticalInstanceIds)? Of(RunState run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.EndTime is not { } end || run.Batches.Any(b => b.EndTime is null))
        {
            return null;
        }

        var parts = new List<(string Part, TimeSpan Time)>();
        void Add(string part, TimeSpan time)
        {
            var index = parts.FindIndex(p => p.Part == part);
            if (index < 0)
            {
                parts.Add((part, time));
            }
            else
            {
                parts[index] = (part, parts[index].Time + time);
            }
        }

        var cursor = run.StartTime;
        foreach (var batch in run.Batches)
        {
            if (batch.StartTime > cursor)
            {
                Add(batch.Index == 1 ? "other" : "pause", batch.StartTime - cursor);
            }

            var span = batch.EndTime!.Value - batch.StartTime;
            var steps = batch.Critical?.Steps ?? [];
            foreach (var step in steps)
            {
                Add(Name(step), step.End - step.Start);
            }

            var rest = span - steps.Aggregate(TimeSpan.Zero, (sum, s) => sum + (s.End - s.Start));
            if (rest != TimeSpan.Zero)
            {
                Add(run.Surges ? "surgeInstance" : "other", rest);
            }

            cursor = batch.EndTime.Value;
        }

        if (end > cursor)
        {
            Add("other", end - cursor);
        }

        return ([.. parts], [.. run.Batches.Select(b => b.Critical?.InstanceId)]);
    }

    private static string Name(StepRecord step) => step.Step switch
    {
        "extension" => $"extension:{step.Extension}",
        "probe" when step.Result != "Succeeded" => "healthWaitTimeout",
        var name => name,
    };
}
