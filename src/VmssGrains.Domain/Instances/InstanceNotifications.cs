using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.Instances;

/// <summary>What the load balancers and the scale set hear of a transition, derived from what changed.</summary>
internal static class InstanceNotifications
{
    /// <summary>
    /// Completes a transition from <paramref name="before"/> to <paramref name="after"/>: keeps
    /// <see cref="InstanceState.UnhealthySince"/> (set when health leaves Healthy, cleared when it returns), tells the
    /// load balancers first when pool membership or service changed, and reports a health change (or the end of
    /// settling) to the scale set when no operation report carries it and no unreported operation is under way.
    /// </summary>
    public static InstanceTransition Finalise(InstanceState before, InstanceState after, DateTimeOffset now, List<InstanceCommand> commands)
    {
        if (before.Health != after.Health)
        {
            after = after with { UnhealthySince = after.Health == HealthState.Healthy ? null : before.UnhealthySince ?? now };
        }

        if (!after.LoadBalancers.IsEmpty && (before.InPool != after.InPool || before.InService != after.InService))
        {
            commands.Insert(0, new UpdateBackends(after.InPool, after.InService));
        }

        var reported = commands.Any(c => c is ReportOperation);
        var settlingChanged = before.Active is { Reported: true } != after.Active is { Reported: true };
        if (!reported && (before.Health != after.Health || settlingChanged) && after.Active is null or { Reported: true })
        {
            commands.Add(new ReportHealth(after.ToSummary()));
        }

        return new InstanceTransition(after, [.. commands]);
    }
}
