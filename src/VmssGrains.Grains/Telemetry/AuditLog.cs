using Microsoft.Extensions.Logging;
using VmssGrains.Abstractions.Views;

namespace VmssGrains.Grains.Telemetry;

/// <summary>Activity log records as structured logs (category <c>VmssGrains.Audit</c>), exported with the other logs.</summary>
public static partial class AuditLog
{
    /// <summary>The logger category of the activity log.</summary>
    public const string Category = "VmssGrains.Audit";

    /// <summary>Writes one record.</summary>
    public static void Write(ILogger logger, AuditRecord record)
    {
        if (!logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        var simulatedTime = record.Time.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        Record(logger, simulatedTime, record.Caller, record.ScaleSet, record.Action, record.Result, record.RunId, record.Batch, record.InstanceId, record.Step, record.Message);
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "{SimulatedTime} {Caller} {ScaleSet} {Action} {Result} run={RunId} batch={Batch} instance={InstanceId} step={Step} {Detail}")]
    private static partial void Record(ILogger logger, string simulatedTime, string caller, string scaleSet, string action, string result, string? runId, int? batch, string? instanceId, string? step, string? detail);
}
