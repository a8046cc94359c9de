using System.Text.Json.Nodes;
using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Abstractions.Json;
using VmssGrains.Abstractions.Views;
using VmssGrains.Domain;
using VmssGrains.Domain.Fleet;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Load;
using VmssGrains.Domain.Rolling;
using VmssGrains.Domain.ScaleSets;
using VmssGrains.Domain.Time;
using VmssGrains.Simulation.Driving;
using VmssGrains.Simulation.Scenarios;

namespace VmssGrains.Simulation.Reporting;

/// <summary>
/// Reads the scale sets, instances and load balancers after a run and writes the report (docs/report.md). Objects
/// that reproduce an Azure REST body (<c>latest</c>, <c>osUpgradeHistory[]</c>) carry date-times on the simulated
/// calendar, which starts at the scenario's <c>startTime</c>; every other time is an offset from the start.
/// Every scale set gets its <c>instancesSummary</c> from its own snapshot; only the instances <paramref name="listing"/>
/// lists are read from their grains (none for <see cref="InstanceListing.None"/>).
/// </summary>
/// <param name="grains">The grains (or the reference engine's objects).</param>
/// <param name="listing">Which instances <c>instances[]</c> lists; null for <see cref="InstanceListings.Default"/> of the instances at the end.</param>
public sealed class ReportBuilder(IGrainFactory grains, InstanceListing? listing = null)
{
    /// <summary>
    /// Per load balancer, its traffic at the scenario's start (read before its scale sets were created): the report
    /// counts the traffic since then only (<see cref="TrafficMeter.CountedFrom"/>); a load balancer not named here is
    /// counted whole. Empty by default.
    /// </summary>
    public IReadOnlyDictionary<string, TrafficMeter> TrafficAtStart { get; init; } = new Dictionary<string, TrafficMeter>();

    /// <summary>Builds the report.</summary>
    public async Task<SimulationReport> BuildAsync(Scenario scenario, long seed, DateTimeOffset start, DateTimeOffset end, IReadOnlyList<ActionResult> actions, CancellationToken cancellationToken)
    {
        var times = new ReportTimes(start, scenario.StartTime);
        var snapshots = new List<ScaleSetSnapshot>();
        foreach (var scaleSet in scenario.ScaleSets)
        {
            snapshots.Add(await grains.GetGrain<IScaleSetGrain>(scaleSet.Name).GetSnapshotAsync(cancellationToken));
        }

        var listed = listing ?? InstanceListings.Default(snapshots.Sum(s => (long)s.Instances.Length));
        var scaleSets = new JsonArray();
        foreach (var snapshot in snapshots)
        {
            var instances = snapshot.Instances.Where(i => InstanceListings.Lists(listed, i)).ToList();
            var states = await Task.WhenAll(instances.Select(i => grains.GetGrain<IVmInstanceGrain>(GrainKeys.Instance(snapshot.Name, i.InstanceId)).GetStateAsync()));
            scaleSets.Add(ScaleSet(snapshot, listed, instances, states, times));
        }

        var loadBalancers = scenario.LoadBalancers.Select(l => l.Name)
            .Concat(snapshots.SelectMany(s => s.Model.AllLoadBalancers))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var meters = new List<(string Name, TrafficMeter Meter)>();
        var offersLoad = false;
        foreach (var name in loadBalancers)
        {
            var status = await grains.GetGrain<ILoadBalancerGrain>(name).GetStatusAsync();
            meters.Add((name, TrafficAtStart.TryGetValue(name, out var atStart) ? status.Traffic.CountedFrom(atStart) : status.Traffic));
            offersLoad |= status.Config.OffersLoad;
        }

        var finalActions = new List<ActionResult>(actions.Count);
        foreach (var action in actions)
        {
            finalActions.Add(await FinalAsync(action, cancellationToken));
        }

        var json = new JsonObject
        {
            ["seed"] = seed,
            ["startTime"] = times.Calendar(start),
            ["simulatedDuration"] = IsoDuration.Format(end - start),
            ["scaleSets"] = scaleSets,
            ["load"] = LoadReport.WithModel(Load(meters), meters, offersLoad, start, end),
            ["timeline"] = Timeline(snapshots, start, end, times.Offset),
            ["actions"] = new JsonArray([.. finalActions.Select(a => (JsonNode)WithMessage(new JsonObject
            {
                ["at"] = IsoDuration.Format(a.At),
                ["action"] = a.Action,
                ["scaleSet"] = a.ScaleSet,
                ["status"] = a.Status,
                ["error"] = a.ErrorCode is null ? null : new JsonObject { ["code"] = a.ErrorCode, ["message"] = a.ErrorMessage },
            }, a.Message))]),
        };
        return new SimulationReport(json, end - start);
    }

    /// <summary><paramref name="action"/> with a <c>message</c> when the driver said why it acted (a traffic gate); unchanged otherwise.</summary>
    private static JsonObject WithMessage(JsonObject action, string? message)
    {
        if (message is not null)
        {
            action["message"] = message;
        }

        return action;
    }

    /// <summary>An action that started a long-running operation reports how that operation ended (or that it is still in progress).</summary>
    private async Task<ActionResult> FinalAsync(ActionResult action, CancellationToken cancellationToken)
    {
        if (action.Operation is null || action.ScaleSet is null)
        {
            return action;
        }

        try
        {
            var operation = await grains.GetGrain<IScaleSetGrain>(action.ScaleSet).GetOperationAsync(action.Operation, cancellationToken);
            return action with { Status = operation.Status, ErrorCode = operation.ErrorCode, ErrorMessage = operation.ErrorMessage };
        }
        catch (AzureException)
        {
            // The scale set was deleted later in the scenario: the status as played is all there is.
            return action;
        }
    }

    private static JsonObject ScaleSet(ScaleSetSnapshot snapshot, InstanceListing listing, List<Domain.Model.InstanceSummary> instances, InstanceState?[] states, ReportTimes times)
    {
        var latest = snapshot.LatestRollingRun >= 0 ? snapshot.Runs[snapshot.LatestRollingRun].Run : null;
        var location = snapshot.Model.Location;
        return new JsonObject
        {
            ["name"] = snapshot.Name,
            ["modelVersion"] = snapshot.ModelVersion,
            ["upgradeMode"] = snapshot.Model.EffectiveUpgradeMode.ToString(),
            ["latest"] = latest is null ? null : AzureJson.RollingUpgradeStatus(latest, times.Calendar, location),
            ["runs"] = new JsonArray([.. snapshot.Runs.Select(r => (JsonNode)Run(r.Run, times.Offset))]),
            ["osUpgradeHistory"] = new JsonArray([.. OsUpgradeHistory.Of(snapshot.Runs.Select(r => r.Run)).Select(r => (JsonNode)AzureJson.OsUpgradeHistoryEntry(r, times.Calendar, location))]),
            ["repairs"] = new JsonArray([.. snapshot.Repairs.Select(r => (JsonNode)Repair(r, times.Offset))]),
            ["instancesSummary"] = Summary(InstancesSummary.Of(snapshot.Instances, snapshot.ModelVersion)),
            ["instancesListed"] = InstanceListings.Name(listing),
            ["instances"] = new JsonArray([.. instances.Zip(states).Select(pair => (JsonNode)Instance(pair.First, pair.Second, snapshot.ModelVersion))]),
        };
    }

    private static JsonObject Summary(InstancesSummary summary) => new()
    {
        ["instanceCount"] = summary.InstanceCount,
        ["latestModelAppliedCount"] = summary.LatestModelAppliedCount,
        ["statusesSummary"] = new JsonArray([.. summary.Statuses.Select(s => (JsonNode)new JsonObject { ["code"] = s.Code, ["count"] = s.Count })]),
        ["failedInstanceCount"] = summary.FailedInstanceIds.Length,
        ["failedInstanceIds"] = new JsonArray([.. summary.FailedInstanceIds.Select(id => (JsonNode)JsonValue.Create(id))]),
    };

    private static JsonObject Repair(RepairRecord repair, Func<DateTimeOffset, string> time) => new()
    {
        ["instanceId"] = repair.InstanceId,
        ["repairAction"] = repair.RepairAction.ToString(),
        ["replacementInstanceId"] = repair.ReplacementInstanceId,
        ["startTime"] = time(repair.StartTime),
        ["endTime"] = repair.EndTime is { } end ? time(end) : null,
        ["status"] = repair.Status,
        ["error"] = repair.ErrorCode is null ? null : new JsonObject { ["code"] = repair.ErrorCode, ["message"] = repair.ErrorMessage },
    };

    private static JsonObject Run(RunState run, Func<DateTimeOffset, string> time)
    {
        var status = AzureJson.RunningStatus(run, time);
        status["endTime"] = run.EndTime is { } end ? time(end) : null;
        return new JsonObject
        {
            ["kind"] = run.Kind.ToString(),
            ["startedBy"] = run.StartedBy,
            ["targetModelVersion"] = run.TargetModelVersion,
            ["runningStatus"] = status,
            ["progress"] = AzureJson.Progress(run),
            ["error"] = AzureJson.Error(run.Error),
            ["rollbackInfo"] = new JsonObject
            {
                ["successfullyRolledbackInstanceCount"] = run.RolledBackSucceeded,
                ["failedRolledbackInstanceCount"] = run.RolledBackFailed,
            },
            ["batches"] = new JsonArray([.. run.Batches.Select(b => (JsonNode)new JsonObject
            {
                ["index"] = b.Index,
                ["zone"] = b.Zone,
                ["instanceIds"] = new JsonArray([.. b.InstanceIds.Select(id => (JsonNode)JsonValue.Create(id))]),
                ["startTime"] = time(b.StartTime),
                ["endTime"] = b.EndTime is { } end ? time(end) : null,
            })]),
            ["timeBreakdown"] = TimeBreakdown(run),
        };
    }

    /// <summary>The run's <c>timeBreakdown</c> (docs/report.md#time-breakdown), or null while it is under way.</summary>
    private static JsonObject? TimeBreakdown(RunState run)
    {
        if (RunTimeBreakdown.Of(run) is not { } breakdown)
        {
            return null;
        }

        var parts = new JsonObject();
        foreach (var (part, time) in breakdown.Parts)
        {
            parts[part] = Seconds(time);
        }

        return new JsonObject
        {
            ["durationSeconds"] = Seconds(run.EndTime!.Value - run.StartTime),
            ["parts"] = parts,
            ["criticalInstanceIds"] = new JsonArray([.. breakdown.CriticalInstanceIds.Select(id => (JsonNode?)JsonValue.Create(id))]),
        };
    }

    /// <summary>Simulated seconds, exact: a whole number when whole, else a decimal to the tick.</summary>
    private static JsonNode Seconds(TimeSpan time) =>
        time.Ticks % TimeSpan.TicksPerSecond == 0
            ? JsonValue.Create(time.Ticks / TimeSpan.TicksPerSecond)
            : JsonValue.Create((decimal)time.Ticks / TimeSpan.TicksPerSecond);

    private static JsonObject Instance(Domain.Model.InstanceSummary summary, InstanceState? state, int modelVersion) => new()
    {
        ["instanceId"] = summary.InstanceId,
        ["zone"] = summary.Zone,
        ["latestModelApplied"] = summary.ModelVersion == modelVersion,
        ["modelVersion"] = summary.ModelVersion,
        ["imageVersion"] = summary.Image.Version,
        ["health"] = summary.Health.ToString(),
        ["provisioningState"] = summary.ProvisioningState,
        ["protected"] = summary.HasProtectionPolicy,
        ["protectionPolicy"] = new JsonObject
        {
            ["protectFromScaleIn"] = summary.ProtectFromScaleIn,
            ["protectFromScaleSetActions"] = summary.ProtectFromScaleSetActions,
        },
        ["extensions"] = new JsonArray([.. (state?.Extensions ?? []).Select(e => (JsonNode)new JsonObject
        {
            ["name"] = e.Name,
            ["provisioningState"] = e.ProvisioningState,
        })]),
        ["osDiskGeneration"] = state?.OsDisk.Generation,
        ["lastError"] = state?.LastError,
    };

    /// <summary>
    /// The load over every load balancer, then per load balancer. Overall, traffic is summed; the capacity figures are
    /// the worst load balancer's (the lowest <c>minInServicePercent</c>, with its own <c>minInService</c>), since one
    /// scale set may sit behind several load balancers and their counts do not add up.
    /// </summary>
    private static JsonObject Load(IReadOnlyCollection<(string Name, TrafficMeter Meter)> meters)
    {
        var total = Totals(meters.Select(m => m.Meter).ToList());
        total["loadBalancers"] = new JsonArray([.. meters.Select(m =>
        {
            var one = Totals([m.Meter]);
            one.Insert(0, "name", m.Name);
            return (JsonNode)one;
        })]);
        return total;
    }

    private static JsonObject Totals(List<TrafficMeter> meters)
    {
        var offered = meters.Sum(m => m.Offered);
        var served = meters.Sum(m => m.Served);
        var queued = meters.Sum(m => m.Stepped ? m.Queued : 0);
        // The lowest in-service count; the current one for a load balancer that never had a target.
        static int MinInService(TrafficMeter meter) => meter.MinInService ?? meter.InService;
        var worst = meters.OrderBy(m => Math.Round(m.MinInServicePercent, 3)).ThenBy(MinInService).FirstOrDefault();
        return new JsonObject
        {
            ["minInServicePercent"] = worst is null ? 100.0 : Math.Round(worst.MinInServicePercent, 3),
            ["minInService"] = worst is null ? 0 : MinInService(worst),
            ["requestsOffered"] = (long)Math.Round(offered),
            ["requestsServed"] = (long)Math.Round(served),
            ["requestsDropped"] = (long)Math.Round(offered - served - queued),
            ["availabilityPercent"] = offered <= 0 ? 100.0 : Math.Round(served * 100 / offered, 3),
        };
    }

    /// <summary>The fleet over time: the sum over scale sets at every instant any of them changed.</summary>
    private static JsonArray Timeline(IReadOnlyList<ScaleSetSnapshot> snapshots, DateTimeOffset start, DateTimeOffset end, Func<DateTimeOffset, string> time)
    {
        var instants = snapshots.SelectMany(s => s.Timeline.Select(p => p.Time)).Where(t => t >= start && t <= end).Append(start).Distinct().Order().ToList();
        var result = new JsonArray();
        var cursors = new int[snapshots.Count];
        var current = new TimelinePoint[snapshots.Count];
        foreach (var instant in instants)
        {
            for (var i = 0; i < snapshots.Count; i++)
            {
                var points = snapshots[i].Timeline;
                while (cursors[i] < points.Length && points[cursors[i]].Time <= instant)
                {
                    current[i] = points[cursors[i]++];
                }
            }

            result.Add(new JsonObject
            {
                ["t"] = time(instant),
                ["inService"] = current.Sum(p => p?.InService ?? 0),
                ["upgrading"] = current.Sum(p => p?.Upgrading ?? 0),
                ["unhealthy"] = current.Sum(p => p?.Unhealthy ?? 0),
            });
        }

        return result;
    }
}
