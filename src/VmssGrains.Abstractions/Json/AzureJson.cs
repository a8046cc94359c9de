using System.Globalization;
using System.Text.Json.Nodes;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;
using VmssGrains.Domain.ScaleSets;

namespace VmssGrains.Abstractions.Json;

/// <summary>
/// Renders the simulation's state in the shapes of Azure's REST API (RollingUpgradeStatusInfo,
/// UpgradeOperationHistoricalStatusInfo, VirtualMachineScaleSetVM, its instance view, operation status).
/// Times go through a formatter: absolute ISO 8601 for the CLI, offsets from the start for reports.
/// </summary>
public static class AzureJson
{
    /// <summary>Absolute ISO 8601 times, as Azure prints them.</summary>
    public static string AbsoluteTime(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'+00:00'", CultureInfo.InvariantCulture);

    /// <summary><c>properties.policy</c> of a rolling upgrade status.</summary>
    public static JsonObject Policy(RollingUpgradePolicy policy) => new()
    {
        ["maxBatchInstancePercent"] = policy.MaxBatchInstancePercent,
        ["maxUnhealthyInstancePercent"] = policy.MaxUnhealthyInstancePercent,
        ["maxUnhealthyUpgradedInstancePercent"] = policy.MaxUnhealthyUpgradedInstancePercent,
        ["pauseTimeBetweenBatches"] = policy.PauseText,
        ["enableCrossZoneUpgrade"] = policy.EnableCrossZoneUpgrade,
        ["prioritizeUnhealthyInstances"] = policy.PrioritizeUnhealthyInstances,
        ["rollbackFailedInstancesOnPolicyBreach"] = policy.RollbackFailedInstancesOnPolicyBreach,
        ["maxSurge"] = policy.MaxSurge,
    };

    /// <summary><c>runningStatus</c> of a run.</summary>
    public static JsonObject RunningStatus(RunState run, Func<DateTimeOffset, string> time) => new()
    {
        ["code"] = run.Code.ToString(),
        ["startTime"] = time(run.StartTime),
        ["lastAction"] = run.LastAction,
        ["lastActionTime"] = time(run.LastActionTime),
    };

    /// <summary><c>progress</c> of a run.</summary>
    public static JsonObject Progress(RunState run)
    {
        var (successful, failed, inProgress, pending) = run.Progress;
        return new JsonObject
        {
            ["successfulInstanceCount"] = successful,
            ["failedInstanceCount"] = failed,
            ["inProgressInstanceCount"] = inProgress,
            ["pendingInstanceCount"] = pending,
        };
    }

    /// <summary>An Azure <c>error</c> object with <c>details</c>, or null.</summary>
    public static JsonObject? Error(RunError? error) => error is null ? null : new JsonObject
    {
        ["code"] = error.Code,
        ["message"] = error.Message,
        ["details"] = new JsonArray([.. error.Details.Select(d => (JsonNode)new JsonObject
        {
            ["code"] = d.Code,
            ["target"] = d.Target,
            ["message"] = d.Message,
        })]),
    };

    /// <summary>The <c>properties</c> of a RollingUpgradeStatusInfo.</summary>
    public static JsonObject RollingUpgradeProperties(RunState run, Func<DateTimeOffset, string> time) => new()
    {
        ["policy"] = Policy(run.Policy),
        ["runningStatus"] = RunningStatus(run, time),
        ["progress"] = Progress(run),
        ["error"] = Error(run.Error),
    };

    /// <summary>A whole RollingUpgradeStatusInfo (<c>rollingUpgrades/latest</c>) in the scale set's <paramref name="location"/>.</summary>
    public static JsonObject RollingUpgradeStatus(RunState run, Func<DateTimeOffset, string> time, string location) => new()
    {
        ["properties"] = RollingUpgradeProperties(run, time),
        ["type"] = "Microsoft.Compute/virtualMachineScaleSets/rollingUpgrades",
        ["location"] = location,
    };

    /// <summary>An <c>imageReference</c>; <c>exactVersion</c> is the concrete version an instance runs.</summary>
    public static JsonObject ImageReference(ImageReference image)
    {
        var result = new JsonObject();
        foreach (var (key, value) in image.ToAzureFields())
        {
            result[key] = value;
        }

        if (!image.IsLatest)
        {
            result["exactVersion"] = image.Version;
        }

        return result;
    }

    /// <summary>One entry of <c>osUpgradeHistory</c> (UpgradeOperationHistoricalStatusInfo) in the scale set's <paramref name="location"/>.</summary>
    public static JsonObject OsUpgradeHistoryEntry(RunState run, Func<DateTimeOffset, string> time, string location) => new()
    {
        ["properties"] = new JsonObject
        {
            ["runningStatus"] = WithoutNulls(new JsonObject
            {
                ["code"] = run.Code.ToString(),
                ["startTime"] = time(run.StartTime),
                ["endTime"] = run.EndTime is { } end ? time(end) : null,
            }),
            ["progress"] = Progress(run),
            ["error"] = Error(run.Error),
            ["startedBy"] = run.StartedBy,
            ["targetImageReference"] = run.TargetImage is { } image ? ImageReference(image) : null,
            ["rollbackInfo"] = new JsonObject
            {
                ["successfullyRolledbackInstanceCount"] = run.RolledBackSucceeded,
                ["failedRolledbackInstanceCount"] = run.RolledBackFailed,
            },
        },
        ["type"] = "Microsoft.Compute/virtualMachineScaleSets/rollingUpgrades",
        ["location"] = location,
    };

    /// <summary>The object without its null members (as <c>az</c> prints read-only values that are not set).</summary>
    public static JsonObject WithoutNulls(JsonObject value)
    {
        foreach (var key in value.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            value.Remove(key);
        }

        return value;
    }

    /// <summary>An operation status (the result of a long-running operation).</summary>
    public static JsonObject Operation(OperationStatus operation, Func<DateTimeOffset, string> time) => new()
    {
        ["name"] = operation.Name,
        ["operation"] = operation.Operation,
        ["status"] = operation.Status,
        ["startTime"] = time(operation.StartTime),
        ["endTime"] = operation.EndTime is { } end ? time(end) : null,
        ["error"] = operation.ErrorCode is null ? null : new JsonObject { ["code"] = operation.ErrorCode, ["message"] = operation.ErrorMessage },
    };

    /// <summary>A scale set VM as <c>az vmss list-instances</c> prints it, with the scale set's own id and location.</summary>
    public static JsonObject Instance(ScaleSetModel scaleSet, InstanceSummary instance, int modelVersion) => WithoutNulls(new()
    {
        ["instanceId"] = instance.InstanceId,
        ["name"] = $"{scaleSet.Name}_{instance.InstanceId}",
        ["id"] = $"{scaleSet.ResourceId}/virtualMachines/{instance.InstanceId}",
        ["type"] = "Microsoft.Compute/virtualMachineScaleSets/virtualMachines",
        ["location"] = scaleSet.Location,
        ["zones"] = instance.Zone is null ? null : new JsonArray(instance.Zone),
        ["properties"] = new JsonObject
        {
            ["latestModelApplied"] = instance.ModelVersion == modelVersion,
            ["provisioningState"] = instance.ProvisioningState,
            ["protectionPolicy"] = new JsonObject
            {
                ["protectFromScaleIn"] = instance.ProtectFromScaleIn,
                ["protectFromScaleSetActions"] = instance.ProtectFromScaleSetActions,
            },
            ["storageProfile"] = new JsonObject { ["imageReference"] = ImageReference(instance.Image) },
            ["instanceView"] = new JsonObject
            {
                ["platformFaultDomain"] = instance.FaultDomain,
                ["vmHealth"] = VmHealth(instance.Health),
            },
        },
    });

    /// <summary>A VMSS VM instance view (<c>az vmss get-instance-view --instance-id</c>), with the simulated disks.</summary>
    public static JsonObject InstanceView(InstanceState state, Func<DateTimeOffset, string> time) => new()
    {
        ["platformUpdateDomain"] = state.FaultDomain,
        ["platformFaultDomain"] = state.FaultDomain,
        ["vmHealth"] = VmHealth(state.Health),
        ["disks"] = new JsonArray(
            Disk($"{state.ScaleSet}_{state.InstanceId}_OsDisk_{state.OsDisk.Generation}", state.OsDisk, osDisk: true),
            Disk($"{state.ScaleSet}_{state.InstanceId}_disk2_lun0", state.DataDisk, osDisk: false)),
        ["extensions"] = new JsonArray([.. state.Extensions.Select(e => (JsonNode)new JsonObject
        {
            ["name"] = e.Name,
            ["statuses"] = new JsonArray(Status($"ProvisioningState/{e.ProvisioningState.ToLowerInvariant()}", e.ProvisioningState, e.Message)),
        })]),
        ["statuses"] = new JsonArray(
            Status($"ProvisioningState/{state.ProvisioningState.ToLowerInvariant()}", state.ProvisioningState, state.LastError),
            Status($"PowerState/{state.PowerState}", $"VM {state.PowerState}", null)),
        ["latestModelVersion"] = state.ModelVersion,
        ["imageReference"] = ImageReference(state.Image),
        ["timeCreated"] = time(state.TimeCreated),
    };

    private static JsonObject VmHealth(HealthState health) => new()
    {
        ["status"] = Status($"HealthState/{health.ToString().ToLowerInvariant()}", health.ToString(), null),
    };

    private static JsonObject Status(string code, string displayStatus, string? message)
    {
        var status = new JsonObject { ["code"] = code, ["level"] = message is null ? "Info" : "Error", ["displayStatus"] = displayStatus };
        if (message is not null)
        {
            status["message"] = message;
        }

        return status;
    }

    private static JsonObject Disk(string name, DiskState disk, bool osDisk) => new()
    {
        ["name"] = name,
        ["osDisk"] = osDisk,
        ["generation"] = disk.Generation,
        ["createdFromImage"] = disk.SourceImage,
        ["files"] = new JsonArray([.. disk.Files.Select(f => (JsonNode)JsonValue.Create(f))]),
    };
}
