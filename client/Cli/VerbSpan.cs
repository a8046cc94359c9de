using System.Diagnostics;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Grains.Telemetry;

namespace VmssGrains.Client.Cli;

/// <summary>A verb's span on simulated time (see <see cref="ClientTelemetry.StartVerb"/>).</summary>
public sealed class VerbSpan
{
    private readonly Activity span;
    private readonly IClusterClockGrain clock;
    private readonly Stopwatch wall = new();
    private ClusterTime? start;

    internal VerbSpan(Activity span, IClusterClockGrain clock)
    {
        this.span = span;
        this.clock = clock;
    }

    /// <summary>Sets the span's start to the cluster's simulated time now (the clock's call is the span's first child).</summary>
    public async Task ReadStartAsync()
    {
        wall.Restart();
        start = await clock.GetNowAsync();
        span.SetStartTime(start.Now.UtcDateTime);
        span.SetTag("simulation.clock", start.Clock);
    }

    /// <summary>
    /// Ends the span at the cluster's simulated time now, with error status when <paramref name="error"/> is given.
    /// If the cluster no longer answers, the end is estimated from the wall time elapsed at the clock's scale
    /// (its start, on a virtual clock); a span whose start was never read ends on wall time.
    /// </summary>
    public async Task EndAsync(string? error)
    {
        if (start is null)
        {
            InstanceSpans.Finish(span, DateTimeOffset.UtcNow, error);
            return;
        }

        DateTimeOffset end;
        try
        {
            end = (await clock.GetNowAsync()).Now;
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or OperationCanceledException)
        {
            end = start.Now + wall.Elapsed * start.Scale;
        }

        InstanceSpans.Finish(span, end, error);
    }
}
