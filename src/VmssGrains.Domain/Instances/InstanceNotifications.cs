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

        var reported = AnyReport(commands);
        var settlingChanged = before.Active is { Reported: true } != after.Active is { Reported: true };
        if (!reported && (before.Health != after.Health || settlingChanged) && after.Active is null or { Reported: true })
        {
            commands.Add(new ReportHealth(after.ToSummary()));
        }

        after = Numbered(after, commands);
        return new InstanceTransition(after, [.. commands]);
    }

    private static bool AnyReport(List<InstanceCommand> commands)
    {
        foreach (var command in commands)
        {
            if (command is ReportOperation)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Gives every report of the transition the instance's next <see cref="InstanceState.ReportSequence"/> (in the order
    /// they are sent), so the scale set can tell an older report from a newer one whatever order they arrive in.
    /// </summary>
    private static InstanceState Numbered(InstanceState after, List<InstanceCommand> commands)
    {
        for (var i = 0; i < commands.Count; i++)
        {
            switch (commands[i])
            {
                case ReportOperation operation:
                    after = after with { ReportSequence = after.ReportSequence + 1 };
                    commands[i] = new ReportOperation(operation.Report with { Summary = operation.Report.Summary with { Sequence = after.ReportSequence, OrderSerial = after.LastOrderSerial } });
                    break;
                case ReportHealth health:
                    after = after with { ReportSequence = after.ReportSequence + 1 };
                    commands[i] = new ReportHealth(health.Summary with { Sequence = after.ReportSequence, OrderSerial = after.LastOrderSerial });
                    break;
            }
        }

        return after;
    }
}
