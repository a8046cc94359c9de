using System.Diagnostics;
using VmssGrains.Abstractions.Grains;

namespace VmssGrains.Client.Cli;

/// <summary>
/// The console's own spans: one per verb, the parent of everything it causes in the cluster. Like the grains'
/// spans it runs on simulated time: its start and end are the cluster's simulated time (read through
/// <see cref="IClusterClockGrain"/>) when the verb starts and ends, so on a scaled clock a <c>vmss update</c>
/// span encloses the run it starts instead of sitting days before it. Nothing is read when nobody listens.
/// </summary>
public static class ClientTelemetry
{
    /// <summary>The activity source's name.</summary>
    public const string Name = "VmssGrains.Client";

    /// <summary>The activity source.</summary>
    public static readonly ActivitySource Source = new(Name);

    /// <summary>
    /// Starts a verb's span and makes it the ambient activity (synchronously, so it stays ambient in the caller
    /// and the calls the verb makes carry its context); null when no listener samples it. Set its simulated
    /// start with <see cref="VerbSpan.ReadStartAsync"/>, end it with <see cref="VerbSpan.EndAsync"/>.
    /// </summary>
    public static VerbSpan? StartVerb(string name, IClusterClient client) =>
        Source.StartActivity(name, ActivityKind.Client) is { } span ? new VerbSpan(span, client.GetGrain<IClusterClockGrain>(0)) : null;
}
