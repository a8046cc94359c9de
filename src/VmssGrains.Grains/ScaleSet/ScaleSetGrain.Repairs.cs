using System.Diagnostics;
using VmssGrains.Abstractions.Views;
using VmssGrains.Domain.Fleet;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;
using VmssGrains.Domain.ScaleSets;
using VmssGrains.Grains.Telemetry;

namespace VmssGrains.Grains.ScaleSet;

/// <summary>
/// Automatic repairs (docs/behaviour.md#automatic-repairs, <see cref="RepairPlanner"/>): Replace deletes the instance and creates a new one
/// with a new id; Reimage keeps the id and the data disks; Restart restarts it. Suspended while a run is under way.
/// </summary>
public sealed partial class ScaleSetGrain
{
    private const long RepairToken = 2;
    private const string RepairRun = "repair";
    private const string RepairDeleteRun = "repair-delete";

    private int repairWakes;

    /// <summary>Starts the repairs that are due and schedules the next check.</summary>
    private async Task CheckRepairsAsync()
    {
        if (!S.Exists || !Model.AutomaticRepairsPolicy.Enabled || S.Run is { IsEnded: false })
        {
            return;
        }

        var policy = Model.AutomaticRepairsPolicy;
        var now = time.Now;
        foreach (var id in RepairPlanner.Due(S.Instances.Values, policy, S.Repairs.Keys, S.RepairAttempts, now))
        {
            await RepairAsync(id, policy.RepairAction);
        }

        ScheduleRepairCheck();
    }

    private void ScheduleRepairCheck()
    {
        if (!S.Exists)
        {
            return;
        }

        var now = time.Now;
        var next = RepairPlanner.NextDue(S.Instances.Values, Model.AutomaticRepairsPolicy, S.Repairs.Keys, S.RepairAttempts, now);
        if (next is { } at && (S.RepairCheckAt is null || at < S.RepairCheckAt))
        {
            // Until the grace period is over the repair is work the platform has scheduled.
            S.RepairCheckAt = at;
            repairWakes++;
            monitor?.PlatformWorkScheduled();
            time.WakeAfter(at - now, RepairToken);
        }
    }

    private async Task OnRepairCheckDueAsync()
    {
        if (S.RepairCheckAt is { } at && at <= time.Now)
        {
            S.RepairCheckAt = null;
        }

        repairWakes--;
        monitor?.PlatformWorkDone();
        await CheckRepairsAsync();
    }

    /// <summary>The scale set is going away: its scheduled repair checks no longer count as pending work.</summary>
    private void DropRepairChecks()
    {
        for (; repairWakes > 0; repairWakes--)
        {
            monitor?.PlatformWorkDone();
        }
    }

    private async Task RepairAsync(string instanceId, RepairAction action)
    {
        var summary = S.Instances[instanceId];
        var model = S.Models.GetValueOrDefault(summary.ModelVersion, Model);
        S.RepairAttempts[instanceId] = S.RepairAttempts.GetValueOrDefault(instanceId) + 1;
        var record = new RepairRecord { InstanceId = instanceId, RepairAction = action, StartTime = time.Now };
        VmssTelemetry.Repairs.Add(1, new TagList { { "scaleSet", Name }, { "repairAction", action.ToString() }, { "result", "Started" } });
        switch (action)
        {
            case RepairAction.Replace:
                var live = S.Instances.Values.Where(i => i.ProvisioningState != "Deleting" && i.InstanceId != instanceId).ToList();
                var placement = FleetPlanner.PlaceNew(live, 1, Model.Zones, Model.PlatformFaultDomainCount, S.NextInstanceId)[0];
                S.NextInstanceId++;
                var image = await ResolveAsync(Model.Image);
                var created = InstanceMachine.New(Name, placement.InstanceId, placement.Zone, placement.FaultDomain, image.Image, Model.AllLoadBalancers, time.Now);
                await Instance(placement.InstanceId).InitializeAsync(created);
                SetSummary(created.ToSummary() with { Busy = true, ModelVersion = S.ModelVersion });
                S.Repairs[placement.InstanceId] = $"Replace of {instanceId}";
                record = record with { ReplacementInstanceId = placement.InstanceId };
                await Instance(placement.InstanceId).StartAsync(await OrderForAsync(OperationKind.Provision, Model, S.ModelVersion, image, RepairRun, waitForHealth: true));
                SetSummary(summary with { Busy = true, ProvisioningState = "Deleting" });
                await Instance(instanceId).StartAsync(await OrderForAsync(OperationKind.Delete, model, summary.ModelVersion, new ImageVersionInfo { Image = summary.Image }, RepairDeleteRun, waitForHealth: false));
                Audit("AutomaticRepair", "Started", instanceId: instanceId, message: $"Replace: instance {placement.InstanceId} replaces it", caller: "Platform");
                break;
            case RepairAction.Reimage:
                S.Repairs[instanceId] = "Reimage";
                SetSummary(summary with { Busy = true });
                await Instance(instanceId).StartAsync(await OrderForAsync(OperationKind.Reimage, model, summary.ModelVersion, await ResolveAsync(model.Image), RepairRun, waitForHealth: true));
                Audit("AutomaticRepair", "Started", instanceId: instanceId, message: "Reimage", caller: "Platform");
                break;
            default:
                S.Repairs[instanceId] = "Restart";
                SetSummary(summary with { Busy = true });
                await Instance(instanceId).StartAsync(await OrderForAsync(OperationKind.Restart, model, summary.ModelVersion, new ImageVersionInfo { Image = summary.Image }, RepairRun, waitForHealth: true));
                Audit("AutomaticRepair", "Started", instanceId: instanceId, message: "Restart", caller: "Platform");
                break;
        }

        S.RepairHistory.Add(record);
        RecordTimeline();
    }

    /// <summary>A repair ended (the report of the repaired or the replacing instance).</summary>
    private void OnRepairReport(InstanceReport report)
    {
        var id = report.Outcome.InstanceId;
        if (!S.Repairs.Remove(id, out var repair))
        {
            return;
        }

        var result = report.Outcome.Succeeded && report.Summary.Health == HealthState.Healthy ? "Succeeded" : "Failed";
        var index = S.RepairHistory.FindLastIndex(r => r.ReportingInstanceId == id && r.EndTime is null);
        if (index >= 0)
        {
            S.RepairHistory[index] = S.RepairHistory[index] with
            {
                EndTime = time.Now,
                Status = result,
                ErrorCode = result == "Failed" ? report.Outcome.ErrorCode ?? RollingUpgradeErrors.InstanceUnhealthy : null,
                ErrorMessage = result == "Failed" ? report.Outcome.ErrorMessage ?? "The instance was not healthy after the repair." : null,
            };
        }

        VmssTelemetry.Repairs.Add(1, new TagList { { "scaleSet", Name }, { "repairAction", repair.Split(' ')[0] }, { "result", result } });
        Audit("AutomaticRepair", result, instanceId: id, message: report.Outcome.ErrorMessage ?? repair, caller: "Platform");
    }
}
