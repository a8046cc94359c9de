using System.Globalization;

namespace VmssGrains.Domain.Load;

/// <summary>
/// A traffic gate (docs/behaviour.md#traffic-gate): while a rolling upgrade of <see cref="ScaleSet"/> is in progress, the
/// traffic of <see cref="LoadBalancer"/> over the last <see cref="Window"/> is checked at every whole simulated minute
/// of the scenario; a breach cancels the run, as the <c>cancel</c> action does. What AWS's alarm-gated instance refresh
/// and Argo Rollouts' analysis give; Azure has no such gate.
/// </summary>
/// <param name="ScaleSet">The scale set whose runs the gate halts.</param>
/// <param name="LoadBalancer">The load balancer whose traffic it watches.</param>
/// <param name="Window">How far back it looks: whole simulated minutes, at least one.</param>
/// <param name="MinAvailabilityPercent">The lowest availability (served over offered, in percent) it accepts over the window; null: not checked.</param>
/// <param name="MaxRequestsDropped">The most requests it accepts to see dropped over the window; null: not checked.</param>
public sealed record TrafficGate(string ScaleSet, string LoadBalancer, TimeSpan Window, double? MinAvailabilityPercent, long? MaxRequestsDropped)
{
    /// <summary>The action name the report gives a gate that halted a run.</summary>
    public const string ActionName = "gate:traffic";

    /// <summary>
    /// Why the gate halts, for the traffic over its window (requests offered, served and dropped in it), or null when
    /// it passes. Availability is served over offered to three decimals (100 with nothing offered); it is checked first.
    /// </summary>
    public string? Breach(double offered, double served, double dropped)
    {
        var availability = offered <= 0 ? 100 : Math.Round(served * 100 / offered, 3);
        var window = Domain.Time.IsoDuration.Format(Window);
        if (MinAvailabilityPercent is { } min && availability < min)
        {
            return string.Create(CultureInfo.InvariantCulture, $"availability of load balancer '{LoadBalancer}' over the last {window} was {availability} %, below the gate's minimum of {min} %; the rolling upgrade was cancelled");
        }

        var lost = (long)Math.Round(dropped);
        if (MaxRequestsDropped is { } max && lost > max)
        {
            return string.Create(CultureInfo.InvariantCulture, $"load balancer '{LoadBalancer}' dropped {lost} requests over the last {window}, more than the gate's maximum of {max}; the rolling upgrade was cancelled");
        }

        return null;
    }
}
