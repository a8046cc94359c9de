using System.Diagnostics;
using VmssGrains.Domain.Instances;

namespace VmssGrains.Grains.Telemetry;

/// <summary>
/// The spans of one instance's operation, written when it reports: a span for the operation (child of the
/// batch span whose trace context came with the order) and one child span per step, all at simulated times.
/// </summary>
public static class InstanceSpans
{
    /// <summary>Writes the spans, if anyone listens.</summary>
    public static void Emit(string scaleSet, InstanceReport report)
    {
        if (!VmssTelemetry.Source.HasListeners())
        {
            return;
        }

        ActivityContext.TryParse(report.TraceParent, null, out var parent);
        var end = report.Steps.IsEmpty ? report.StartedAt : report.Steps[^1].End;
        var ambient = Activity.Current;
        try
        {
            using var operation = VmssTelemetry.Source.StartActivity($"instance {report.Outcome.InstanceId} {report.Kind}", ActivityKind.Internal, parent, startTime: report.StartedAt);
            if (operation is null)
            {
                return;
            }

            operation.SetTag("scaleSet", scaleSet).SetTag("runId", report.RunId).SetTag("instanceId", report.Outcome.InstanceId)
                .SetTag("kind", report.Kind.ToString()).SetTag("imageVersion", report.Summary.Image.Version);
            foreach (var step in report.Steps)
            {
                using var span = VmssTelemetry.Source.StartActivity(step.Extension is null ? step.Step : $"extension {step.Extension}", ActivityKind.Internal, operation.Context, startTime: step.Start);
                if (span is not null)
                {
                    span.SetTag("scaleSet", scaleSet).SetTag("instanceId", report.Outcome.InstanceId).SetTag("step", step.Step).SetTag("extension", step.Extension).SetTag("result", step.Result);
                    Finish(span, step.End, step.Result == "Succeeded" ? null : $"{step.Result}: {step.Message}");
                }
            }

            // Rejoining the pool takes no simulated time: a marker span at the end.
            using (var rejoin = VmssTelemetry.Source.StartActivity("rejoin", ActivityKind.Internal, operation.Context, startTime: end))
            {
                if (rejoin is not null)
                {
                    rejoin.SetTag("scaleSet", scaleSet).SetTag("instanceId", report.Outcome.InstanceId).SetTag("step", "rejoin");
                    Finish(rejoin, end, null);
                }
            }

            operation.SetTag("result", report.Outcome.Succeeded ? "Succeeded" : report.Outcome.ErrorCode);
            Finish(operation, end, report.Outcome.Succeeded ? null : $"{report.Outcome.ErrorCode}: {report.Outcome.ErrorMessage}");
        }
        finally
        {
            Activity.Current = ambient;
        }
    }

    /// <summary>Ends a span at a simulated time (at least one tick after its start, or Stop would use wall time).</summary>
    public static void Finish(Activity span, DateTimeOffset end, string? error)
    {
        if (error is not null)
        {
            span.SetStatus(ActivityStatusCode.Error, error);
        }

        span.SetEndTime(end.UtcDateTime > span.StartTimeUtc ? end.UtcDateTime : span.StartTimeUtc.AddTicks(1));
        span.Stop();
    }
}
