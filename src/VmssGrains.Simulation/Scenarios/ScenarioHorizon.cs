using VmssGrains.Domain.Time;

namespace VmssGrains.Simulation.Scenarios;

/// <summary>
/// How far a scenario runs at most: its <c>until</c>, or <see cref="Default"/> (P7D) without one. The one rule
/// the reader checks and the runner stops at: every time the file names on the timeline — an action's
/// <c>at</c>, an <c>unhealthy</c> fault's <c>at</c> and <c>until</c>, a <c>scriptSourceOutage</c>'s
/// <c>from</c> and <c>to</c>, an image version's <c>publishedAt</c> — lies within the horizon (at it is
/// allowed), else the scenario is rejected naming that JSON path. Work still under way at the horizon (a run,
/// a publication still replicating) is not an error: the report shows it in progress.
/// </summary>
public static class ScenarioHorizon
{
    /// <summary>The horizon of a scenario without <c>until</c>: seven days of simulated time.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromDays(7);

    /// <summary>The horizon of a scenario whose <c>until</c> is <paramref name="until"/> (null: none).</summary>
    public static TimeSpan Of(TimeSpan? until) => until ?? Default;

    /// <summary>Throws a <see cref="ScenarioException"/> naming the first time of <paramref name="scenario"/> beyond its horizon.</summary>
    public static void Check(Scenario scenario)
    {
        var horizon = Of(scenario.Until);
        var why = scenario.Until is null ? "the default without until" : "its until";
        void Within(TimeSpan time, string path)
        {
            if (time > horizon)
            {
                throw new ScenarioException(path, $"{IsoDuration.Format(time)} is beyond the scenario's horizon {IsoDuration.Format(horizon)} ({why}): nothing after the horizon is simulated");
            }
        }

        // The report writes times up to the horizon on the simulated calendar: they must exist.
        if (DateTimeOffset.MaxValue - scenario.StartTime < horizon)
        {
            throw new ScenarioException("$.startTime", $"{scenario.StartTime:O} plus the scenario's horizon {IsoDuration.Format(horizon)} ({why}) is past the end of the calendar (9999-12-31)");
        }

        foreach (var version in scenario.Images)
        {
            Within(version.PublishedAt, $"{version.Path}.publishedAt");
        }

        foreach (var outage in scenario.ScaleSets.SelectMany(s => s.Outages))
        {
            Within(outage.From, $"{outage.Path}.from");
            Within(outage.To, $"{outage.Path}.to");
        }

        foreach (var action in scenario.Actions)
        {
            Within(action.At, $"{action.Path}.{(action.Kind == ScenarioActionKind.FaultHealed ? "until" : "at")}");
        }
    }
}
