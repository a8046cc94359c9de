using VmssGrains.Domain.Rolling;

namespace VmssGrains.Client.Cli;

/// <summary>Whether a run that was waited for gates a pipeline (exit 3), and the one line that says why.</summary>
public static class RunOutcome
{
    /// <summary>
    /// True when a run ended in anything but Completed: Faulted, Cancelled, or any outcome added later. A run still
    /// RollingForward has not ended and does not fail the gate.
    /// </summary>
    public static bool Failed(RunStatusCode code) => code is not (RunStatusCode.Completed or RunStatusCode.RollingForward);

    /// <summary>The stderr line naming the run, its code and its error code, e.g. <c>error: scale set 'web': RollingUpgrade run 4f… ended Faulted (MaxUnhealthyUpgradedInstancePercentExceededInRollingUpgrade)</c>.</summary>
    public static string Describe(string scaleSet, RunState run) =>
        $"error: scale set '{scaleSet}': {run.Kind} run {run.RunId} ended {run.Code} ({run.Error?.Code ?? "no error code"})";
}
