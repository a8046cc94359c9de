using VmssGrains.Domain.Fleet;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;

namespace VmssGrains.Domain.ScaleSets;

/// <summary>
/// Automatic repairs (docs/behaviour.md#automatic-repairs, <see cref="RepairPlanner"/>): Replace deletes the instance and
/// creates a new one with a new id; Reimage keeps the id and the data disks; Restart restarts it. Suspended while a
/// run is under way.
/// </summary>
internal sealed partial class ScaleSetDecision
{
    /// <summary>Starts the repairs that are due and schedules the next check.</summary>
    private void CheckRepairs()
    {
        if (!S.Exists || !Model.AutomaticRepairsPolicy.Enabled || S.Run is { IsEnded: false })
        {
            return;
        }

        var policy = Model.AutomaticRepairsPolicy;
        foreach (var id in RepairPlanner.Due([.. S.Instances.Values], policy, [.. S.Repairs.Keys], S.RepairAttempts, Now))
        {
            Repair(id, policy.RepairAction);
        }

        ScheduleRepairCheck();
    }

    private void ScheduleRepairCheck()
    {
        var next = RepairPlanner.NextDue([.. S.Instances.Values], Model.AutomaticRepairsPolicy, [.. S.Repairs.Keys], S.RepairAttempts, Now);
        if (next is { } at && (S.RepairCheckAt is null || at < S.RepairCheckAt))
        {
            // Until the grace period is over the repair is work the platform has scheduled.
            S = S with { RepairCheckAt = at };
            Commands.Add(new WakeUp(ScaleSetMachine.RepairToken, at - Now, PlatformWork: true));
        }
    }

    private void OnRepairCheckDue()
    {
        if (S.RepairCheckAt is { } at && at <= Now)
        {
            S = S with { RepairCheckAt = null };
        }

        CheckRepairs();
    }

    private void Repair(string instanceId, RepairAction action)
    {
        var summary = S.Instances[instanceId];
        S = S with { RepairAttempts = S.RepairAttempts.SetItem(instanceId, S.RepairAttempts.GetValueOrDefault(instanceId) + 1) };
        var record = new RepairRecord { InstanceId = instanceId, RepairAction = action, StartTime = Now };
        Commands.Add(new RepairObserved(action, "Started"));
        var tag = new OrderTag(OrderPurpose.Repair);
        switch (action)
        {
            case RepairAction.Replace:
                var live = S.Instances.Values.Where(i => i.ProvisioningState != "Deleting" && i.InstanceId != instanceId).ToList();
                var placement = FleetPlanner.PlaceNew(live, 1, Model.Zones, Model.PlatformFaultDomainCount, S.NextInstanceId)[0];
                S = S with { NextInstanceId = S.NextInstanceId + 1 };
                var image = Resolve(Model.Image);
                Create(placement, image.Image);
                S = S with { Repairs = S.Repairs.SetItem(placement.InstanceId, new RepairWork(action, instanceId)) };
                record = record with { ReplacementInstanceId = placement.InstanceId };
                Commands.Add(new StartOrder(placement.InstanceId, Order(tag, OperationKind.Provision, S.ModelVersion, image, waitForHealth: true)));
                Delete(summary, new OrderTag(OrderPurpose.RepairDelete));
                Audit("AutomaticRepair", "Started", instanceId: instanceId, message: $"Replace: instance {placement.InstanceId} replaces it", caller: "Platform");
                break;
            case RepairAction.Reimage:
                var model = ScaleSetQueries.ModelOf(S, summary.ModelVersion);
                S = S with { Repairs = S.Repairs.SetItem(instanceId, new RepairWork(action)) };
                SetSummary(summary with { Busy = true });
                Commands.Add(new StartOrder(instanceId, Order(tag, OperationKind.Reimage, summary.ModelVersion, Resolve(model.Image), waitForHealth: true)));
                Audit("AutomaticRepair", "Started", instanceId: instanceId, message: "Reimage", caller: "Platform");
                break;
            default:
                S = S with { Repairs = S.Repairs.SetItem(instanceId, new RepairWork(RepairAction.Restart)) };
                SetSummary(summary with { Busy = true });
                Commands.Add(new StartOrder(instanceId, Order(tag, OperationKind.Restart, summary.ModelVersion, new ImageVersionInfo { Image = summary.Image }, waitForHealth: true)));
                Audit("AutomaticRepair", "Started", instanceId: instanceId, message: "Restart", caller: "Platform");
                break;
        }

        S = S with { RepairHistory = S.RepairHistory.Add(record) };
    }

    /// <summary>A repair ended (the report of the repaired or the replacing instance).</summary>
    private void OnRepairReport(InstanceReport report)
    {
        var id = report.Outcome.InstanceId;
        if (!S.Repairs.TryGetValue(id, out var repair))
        {
            return;
        }

        S = S with { Repairs = S.Repairs.Remove(id) };
        var result = report.Outcome.Succeeded && report.Summary.Health == HealthState.Healthy ? "Succeeded" : "Failed";
        var index = S.RepairHistory.FindLastIndex(r => r.ReportingInstanceId == id && r.EndTime is null);
        if (index >= 0)
        {
            S = S with
            {
                RepairHistory = S.RepairHistory.SetItem(index, S.RepairHistory[index] with
                {
                    EndTime = Now,
                    Status = result,
                    ErrorCode = result == "Failed" ? report.Outcome.ErrorCode ?? RollingUpgradeErrors.InstanceUnhealthy : null,
                    ErrorMessage = result == "Failed" ? report.Outcome.ErrorMessage ?? "The instance was not healthy after the repair." : null,
                }),
            };
        }

        Commands.Add(new RepairObserved(repair.Action, result));
        Audit("AutomaticRepair", result, instanceId: id, message: report.Outcome.ErrorMessage ?? repair.ToString(), caller: "Platform");
    }
}
