using System.Collections.Immutable;
using System.Globalization;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Randomness;
using VmssGrains.Domain.Rolling;
using VmssGrains.Domain.Time;

namespace VmssGrains.Domain.Instances;

/// <summary>
/// One instance's operations as a pure state machine: the seed's seven steps (drain, reimage, apply the
/// image, extensions in order, probe, rejoin, report), plus provisioning, restart and deletion. Random
/// draws come from the instance's own stream (seed, scale set, instance id, operation serial).
/// </summary>
public static class InstanceMachine
{
    /// <summary>Where an extension writes on the OS disk (lost on reimage).</summary>
    public static string OsDiskFile(string extension) => $"/opt/extensions/{extension}/installed";

    /// <summary>Where an extension keeps its state on the data disk (kept on reimage).</summary>
    public static string DataDiskFile(string extension) => $"/data/extensions/{extension}/state";

    /// <summary>An instance of a deployed scale set: the model applied, extensions already run once, in the pool and healthy.</summary>
    public static InstanceState Deployed(
        string scaleSet, string instanceId, string? zone, int faultDomain, int modelVersion, ImageReference image,
        IReadOnlyList<ExtensionSpec> extensions, ImmutableArray<string> loadBalancers, DateTimeOffset now)
    {
        var os = new DiskState(1, image.ToString(), []);
        var data = new DiskState(1, null, []);
        foreach (var e in extensions)
        {
            os = os.WithFile(OsDiskFile(e.Name));
            data = data.WithFile(DataDiskFile(e.Name));
        }

        return new InstanceState
        {
            ScaleSet = scaleSet,
            InstanceId = instanceId,
            Zone = zone,
            FaultDomain = faultDomain,
            ModelVersion = modelVersion,
            PreviousModelVersion = modelVersion,
            Image = image,
            OsDisk = os,
            DataDisk = data,
            Extensions = [.. extensions.Select(e => new ExtensionStatus(e.Name, e.Fingerprint, e.ForceUpdateTag, "Succeeded"))],
            LoadBalancers = loadBalancers,
            InPool = true,
            TimeCreated = now,
        };
    }

    /// <summary>An instance about to be created by scale-out, surge or replacement: not in service until provisioned.</summary>
    public static InstanceState New(string scaleSet, string instanceId, string? zone, int faultDomain, ImageReference image, ImmutableArray<string> loadBalancers, DateTimeOffset now) =>
        new()
        {
            ScaleSet = scaleSet,
            InstanceId = instanceId,
            Zone = zone,
            FaultDomain = faultDomain,
            Image = image,
            OsDisk = new DiskState(0, null, []),
            DataDisk = new DiskState(0, null, []),
            LoadBalancers = loadBalancers,
            InPool = false,
            Health = HealthState.Unhealthy,
            ProvisioningState = "Creating",
            PowerState = "stopped",
            TimeCreated = now,
        };

    /// <summary>Starts an operation. The caller makes sure no other operation is reporting.</summary>
    public static InstanceTransition Start(InstanceState state, UpgradeOrder order, DateTimeOffset now)
    {
        var before = state;
        var commands = new List<InstanceCommand>();
        var serial = state.OperationSerial + 1;
        var random = SeededRandom.For(order.Seed, state.ScaleSet, state.InstanceId, serial.ToString(CultureInfo.InvariantCulture));
        var replacesDisk = order.Kind is OperationKind.Reimage or OperationKind.ReimageAll
            || (order.Kind == OperationKind.Upgrade && state.Image != order.TargetImage);

        var plan = ImmutableArray.CreateBuilder<InstanceStep>();
        if (order.Drain && state.InPool && !state.LoadBalancers.IsEmpty && order.Kind != OperationKind.Provision)
        {
            plan.Add(InstanceStep.Draining);
        }

        switch (order.Kind)
        {
            case OperationKind.Provision:
                plan.Add(InstanceStep.Provisioning);
                break;
            case OperationKind.Restart:
                plan.Add(InstanceStep.Restarting);
                break;
            case OperationKind.Delete:
                plan.Add(InstanceStep.Deleting);
                break;
            default:
                if (replacesDisk)
                {
                    plan.Add(InstanceStep.Reimaging);
                    plan.Add(InstanceStep.Booting);
                }

                break;
        }

        var extensions = ExtensionsToRun(state, order, replacesDisk);
        plan.AddRange(extensions.Select(_ => InstanceStep.Extension));
        if (order.Kind != OperationKind.Delete && order.Health.Kind != HealthSourceKind.None)
        {
            plan.Add(InstanceStep.Probing);
        }

        // Decide now, from this operation's stream, whether the new image leaves this instance unhealthy.
        var defect = false;
        if (replacesDisk || order.Kind == OperationKind.Provision)
        {
            random = DecideImageDefect(order, state.InstanceId, random, out defect);
        }

        state = state with
        {
            UnhealthyRate = order.Faults.UnhealthyPerInstanceHour,
            Seed = order.Seed,
            OperationSerial = serial,
            ProvisioningState = order.Kind switch
            {
                OperationKind.Provision => "Creating",
                OperationKind.Delete => "Deleting",
                _ => "Updating",
            },
            LastError = null,
            Active = new ActiveOperation
            {
                Order = order,
                Plan = plan.ToImmutable(),
                ExtensionsToRun = extensions,
                Random = random,
                StartedAt = now,
                NewImageDefect = defect,
            },
        };

        // Without a new disk the model applies at once; the changed extensions then run on it.
        if (!replacesDisk && order.Kind is OperationKind.Upgrade or OperationKind.Extensions)
        {
            state = ApplyModel(state, order);
        }

        state = Enter(state, now, commands);
        return Finalise(before, state, now, commands);
    }

    /// <summary>A simulated wake-up: the current step is over.</summary>
    public static InstanceTransition Wake(InstanceState state, long token, DateTimeOffset now)
    {
        if (token < 0)
        {
            return RandomFault(state, token, now);
        }

        if (state.Active is null || state.WakeToken != token)
        {
            return new InstanceTransition(state, []);
        }

        var before = state;
        var commands = new List<InstanceCommand>();
        state = Complete(state, now, commands, out var finished);
        if (!finished)
        {
            state = Enter(state with { Active = state.Active! with { StepIndex = state.Active.StepIndex + 1 } }, now, commands);
        }

        return Finalise(before, state, now, commands);
    }

    /// <summary>An <c>unhealthy</c> fault starts (<paramref name="unhealthy"/>) or ends.</summary>
    public static InstanceTransition SetForcedUnhealthy(InstanceState state, bool unhealthy, DateTimeOffset now)
    {
        var before = state;
        state = state with { ForcedUnhealthy = unhealthy };
        if (state.Active is null && state.ProvisioningState != "Deleted")
        {
            state = state with { Health = state.IsTrulyHealthy ? HealthState.Healthy : HealthState.Unhealthy };
        }

        return Finalise(before, state, now, []);
    }

    /// <summary>
    /// Schedules the next random failure of an <c>unhealthyRate</c> fault: exponentially distributed, from
    /// the instance's own stream. Nothing is scheduled while the instance is already failed by a fault.
    /// </summary>
    public static InstanceTransition ArmRandomFault(InstanceState state, DateTimeOffset now)
    {
        if (state.UnhealthyRate <= 0 || state.RandomFaultArmed || state.ForcedUnhealthy || state.ProvisioningState is "Deleting" or "Deleted")
        {
            return new InstanceTransition(state, []);
        }

        var draw = state.RandomFaults + 1;
        SeededRandom.For(state.Seed, state.ScaleSet, state.InstanceId, "unhealthyRate", draw.ToString(CultureInfo.InvariantCulture)).NextDouble(out var u);
        var hours = -Math.Log(1 - u) / state.UnhealthyRate;
        var delay = TimeSpan.FromSeconds(Math.Max(1, Math.Round(Math.Min(hours * 3600, TimeSpan.FromDays(3650).TotalSeconds))));
        return new InstanceTransition(state with { RandomFaults = draw, RandomFaultArmed = true }, [new WakeInstanceAfter(delay, -draw)]);
    }

    private static InstanceTransition RandomFault(InstanceState state, long token, DateTimeOffset now)
    {
        if (!state.RandomFaultArmed || token != -state.RandomFaults)
        {
            return new InstanceTransition(state, []);
        }

        return SetForcedUnhealthy(state with { RandomFaultArmed = false }, true, now);
    }

    private static ImmutableArray<ExtensionSpec> ExtensionsToRun(InstanceState state, UpgradeOrder order, bool replacesDisk)
    {
        if (order.Kind is OperationKind.Restart or OperationKind.Delete)
        {
            return [];
        }

        if (replacesDisk || order.Kind == OperationKind.Provision || order.RerunAllExtensions)
        {
            return order.Extensions;
        }

        // An app-only change re-runs the extensions whose definition or forceUpdateTag changed.
        var applied = state.Extensions.ToDictionary(e => e.Name, StringComparer.OrdinalIgnoreCase);
        return [.. order.Extensions.Where(e =>
            !applied.TryGetValue(e.Name, out var status)
            || status.Fingerprint != e.Fingerprint
            || status.ForceUpdateTag != e.ForceUpdateTag
            || status.ProvisioningState != "Succeeded")];
    }

    private static SeededRandom DecideImageDefect(UpgradeOrder order, string instanceId, SeededRandom random, out bool defect)
    {
        defect = false;
        foreach (var fault in order.Faults.UnhealthyAfterUpgrade)
        {
            if (fault.ImageVersion != order.TargetImage.Version && fault.ImageVersion != order.TargetImage.ToString())
            {
                continue;
            }

            if (fault.InstanceIds.Contains(instanceId))
            {
                defect = true;
            }

            if (fault.Probability > 0)
            {
                random = random.NextDouble(out var u);
                defect |= u < fault.Probability;
            }
        }

        return random;
    }

    private static InstanceState ApplyModel(InstanceState state, UpgradeOrder order)
    {
        var names = order.Extensions.Select(e => e.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return state with
        {
            PreviousModelVersion = state.ModelVersion,
            ModelVersion = order.TargetModelVersion,
            Extensions = [.. state.Extensions.Where(e => names.Contains(e.Name))],
        };
    }

    /// <summary>Enters steps from the current index; zero-length steps complete at once.</summary>
    private static InstanceState Enter(InstanceState state, DateTimeOffset now, List<InstanceCommand> commands)
    {
        while (true)
        {
            var active = state.Active!;
            if (active.StepIndex >= active.Plan.Length)
            {
                return Finish(state, null, now, commands);
            }

            state = Begin(state, now, commands, out var duration);
            if (duration > TimeSpan.Zero)
            {
                var token = state.WakeToken + 1;
                commands.Add(new WakeInstanceAfter(duration, token));
                return state with { WakeToken = token };
            }

            state = Complete(state, now, commands, out var finished);
            if (finished)
            {
                return state;
            }

            state = state with { Active = state.Active! with { StepIndex = state.Active.StepIndex + 1 } };
        }
    }

    private static InstanceState Begin(InstanceState state, DateTimeOffset now, List<InstanceCommand> commands, out TimeSpan duration)
    {
        var active = state.Active!;
        var order = active.Order;
        var random = active.Random;
        InstanceFailure? failure = null;
        switch (active.Step)
        {
            case InstanceStep.Draining:
                random = order.Timing.Drain.Draw(random, out duration);
                state = state with { InPool = false };
                break;
            case InstanceStep.Provisioning:
                random = order.Timing.Provision.Draw(random, out duration);
                if (order.Faults.AllocationFailureProbability > 0)
                {
                    random = random.NextDouble(out var u);
                    if (u < order.Faults.AllocationFailureProbability)
                    {
                        failure = new InstanceFailure("AllocationFailed", "Allocation failed. We do not have sufficient capacity for the requested VM size in this region.");
                    }
                }

                break;
            case InstanceStep.Reimaging:
                random = (order.ReimageDuration ?? order.Timing.Reimage).Draw(random, out duration);
                state = state with { Health = HealthState.Unhealthy, PowerState = "stopped" };
                break;
            case InstanceStep.Booting:
                random = order.Timing.Boot.Draw(random, out duration);
                state = state with { PowerState = "starting" };
                break;
            case InstanceStep.Restarting:
                random = order.Timing.Restart.Draw(random, out duration);
                state = state with { Health = HealthState.Unhealthy, PowerState = "starting" };
                break;
            case InstanceStep.Extension:
                var extension = active.ExtensionsToRun[active.ExtensionIndex];
                var baked = order.BakedInExtensions.Contains(extension.Name, StringComparer.OrdinalIgnoreCase);
                random = (baked ? order.Timing.BakedInExtension : extension.Duration ?? order.Timing.ForExtension(extension.Name, false)).Draw(random, out duration);
                random = DecideExtensionFailure(state, extension, order, now, random, out failure);
                state = state with
                {
                    Health = HealthState.Unhealthy,
                    Extensions = SetExtension(state.Extensions, new ExtensionStatus(extension.Name, extension.Fingerprint, extension.ForceUpdateTag, "Updating")),
                };
                break;
            case InstanceStep.Probing:
                state = BeginProbing(state, order, out duration, out failure, commands);
                break;
            case InstanceStep.Deleting:
                random = order.Timing.Delete.Draw(random, out duration);
                state = state with { InPool = false, Health = HealthState.Unhealthy, PowerState = "stopped" };
                break;
            default:
                throw new InvalidOperationException($"unknown step {active.Step}");
        }

        return state with { Active = state.Active! with { Random = random, PendingFailure = failure, StepStartedAt = now } };
    }

    private static InstanceState BeginProbing(InstanceState state, UpgradeOrder order, out TimeSpan duration, out InstanceFailure? failure, List<InstanceCommand> commands)
    {
        var timeout = order.Timing.HealthWaitTimeout.Mean;
        var healthy = state.IsTrulyHealthy;
        var probing = order.Health.Kind == HealthSourceKind.ApplicationHealthExtension ? HealthState.Initializing : HealthState.Unhealthy;
        state = state with { Health = probing };
        failure = null;
        if (healthy && order.Health.TimeToHealthy <= timeout)
        {
            duration = order.Health.TimeToHealthy;
        }
        else
        {
            duration = timeout;
            failure = new InstanceFailure(
                RollingUpgradeErrors.InstanceUnhealthy,
                $"Instance found to be unhealthy or unreachable: it did not become healthy within the health wait timeout of {IsoDuration.Format(timeout)}.",
                FailsProvisioning: false);
        }

        // Automatic and Manual do not wait for health: rejoin and report now, keep probing.
        if (!order.WaitForHealth && !state.Active!.Reported)
        {
            state = state with { InPool = true, ProvisioningState = "Succeeded" };
            state = state with { Active = state.Active! with { Reported = true } };
            commands.Add(new ReportOperation(Report(state, state.Active, null)));
        }

        return state;
    }

    private static SeededRandom DecideExtensionFailure(InstanceState state, ExtensionSpec extension, UpgradeOrder order, DateTimeOffset now, SeededRandom random, out InstanceFailure? failure)
    {
        failure = null;
        var probability = extension.FailureProbability;
        var named = false;
        foreach (var rule in order.Faults.ExtensionFailures.Where(r => string.Equals(r.Extension, extension.Name, StringComparison.OrdinalIgnoreCase)))
        {
            named |= rule.InstanceIds.Contains(state.InstanceId);
            probability = Math.Max(probability, rule.Probability);
        }

        var drawn = false;
        if (probability > 0)
        {
            random = random.NextDouble(out var u);
            drawn = u < probability;
        }

        var outage = order.Faults.Outages.FirstOrDefault(o => string.Equals(o.Extension, extension.Name, StringComparison.OrdinalIgnoreCase) && now >= o.From && now < o.To);
        var nonIdempotent = !extension.Idempotent || order.Faults.NonIdempotentExtensions.Contains(extension.Name, StringComparer.OrdinalIgnoreCase);
        string? reason = null;
        if (outage is not null)
        {
            reason = $"Enable failed: could not download the script from {extension.ScriptSource ?? "its source"}: the source is unreachable";
        }
        else if (nonIdempotent && state.DataDisk.Files.Contains(DataDiskFile(extension.Name)))
        {
            reason = $"Enable failed: the script is not idempotent and found its own earlier work on the data disk ({DataDiskFile(extension.Name)})";
        }
        else if (named || drawn)
        {
            reason = "Enable failed: the script exited with code 1";
        }

        if (reason is not null)
        {
            failure = new InstanceFailure(
                "VMExtensionProvisioningError",
                $"VM has reported a failure when processing extension '{extension.Name}'. Error message: \"{reason}\".");
        }

        return random;
    }

    /// <summary>Ends the current step; <paramref name="finished"/> when the operation is over.</summary>
    private static InstanceState Complete(InstanceState state, DateTimeOffset now, List<InstanceCommand> commands, out bool finished)
    {
        state = state with { Active = state.Active! with { History = state.Active.History.Add(Record(state.Active, now)) } };
        var active = state.Active!;
        var order = active.Order;
        var failure = active.PendingFailure;
        finished = false;
        switch (active.Step)
        {
            case InstanceStep.Provisioning:
                if (failure is not null)
                {
                    finished = true;
                    return Finish(state, failure, now, commands);
                }

                state = state with
                {
                    OsDisk = new DiskState(1, order.TargetImage.ToString(), []),
                    DataDisk = new DiskState(1, null, []),
                    Image = order.TargetImage,
                    ModelVersion = order.TargetModelVersion,
                    PreviousModelVersion = order.TargetModelVersion,
                    PowerState = "running",
                    ImageDefect = active.NewImageDefect,
                };
                break;
            case InstanceStep.Reimaging:
                // The OS disk is replaced: everything written on it is lost. Data disks stay unless reimage-all.
                state = state with
                {
                    PreviousImage = state.Image,
                    OsDisk = new DiskState(state.OsDisk.Generation + 1, order.TargetImage.ToString(), []),
                    DataDisk = order.Kind == OperationKind.ReimageAll ? new DiskState(state.DataDisk.Generation + 1, null, []) : state.DataDisk,
                    Image = order.TargetImage,
                    ForcedUnhealthy = false,
                    ImageDefect = active.NewImageDefect,
                    Extensions = [],
                };
                if (order.Kind == OperationKind.Upgrade)
                {
                    state = ApplyModel(state, order);
                }

                break;
            case InstanceStep.Booting:
            case InstanceStep.Restarting:
                state = state with { PowerState = "running" };
                break;
            case InstanceStep.Extension:
                var extension = active.ExtensionsToRun[active.ExtensionIndex];
                state = state with { Active = active with { ExtensionIndex = active.ExtensionIndex + 1 } };
                if (failure is not null)
                {
                    state = state with
                    {
                        Extensions = SetExtension(state.Extensions, new ExtensionStatus(extension.Name, extension.Fingerprint, extension.ForceUpdateTag, "Failed", failure.Message, extension.SuppressFailures)),
                    };
                    if (!extension.SuppressFailures)
                    {
                        finished = true;
                        return Finish(state, failure, now, commands);
                    }

                    break;
                }

                state = state with
                {
                    OsDisk = state.OsDisk.WithFile(OsDiskFile(extension.Name)),
                    DataDisk = state.DataDisk.WithFile(DataDiskFile(extension.Name)),
                    Extensions = SetExtension(state.Extensions, new ExtensionStatus(extension.Name, extension.Fingerprint, extension.ForceUpdateTag, "Succeeded")),
                };
                break;
            case InstanceStep.Probing:
                if (active.Reported)
                {
                    // Health established after an ungated upgrade already reported.
                    finished = true;
                    var settled = ArmRandomFault(state with { Health = failure is null ? HealthState.Healthy : HealthState.Unhealthy, Active = null, LastOperationEnd = now }, now);
                    commands.AddRange(settled.Commands);
                    return settled.State;
                }

                if (failure is not null && order.RollbackOnFailure && active.RolledBackFrom is null && state.PreviousImage is { } previous)
                {
                    return BeginRollback(state, active, previous, failure);
                }

                if (failure is not null)
                {
                    finished = true;
                    return Finish(state, failure, now, commands);
                }

                state = state with { Health = HealthState.Healthy };
                break;
            case InstanceStep.Deleting:
                finished = true;
                commands.Add(new ReportOperation(Report(state with { ProvisioningState = "Deleted" }, active, null)));
                state = state with { ProvisioningState = "Deleted", Active = null, LastOperationEnd = now };
                return state;
        }

        return state with { Active = state.Active! with { PendingFailure = null } };
    }

    /// <summary>
    /// Automatic OS upgrade rollback: the instance stayed unhealthy on the new image, so its previous OS disk
    /// comes back (reimage to the previous image, boot, extensions, probe) before it reports the failure.
    /// </summary>
    private static InstanceState BeginRollback(InstanceState state, ActiveOperation active, ImageReference previous, InstanceFailure failure)
    {
        var order = active.Order with { TargetImage = previous, Kind = OperationKind.Reimage, BakedInExtensions = [] };
        var plan = ImmutableArray.CreateBuilder<InstanceStep>();
        plan.Add(InstanceStep.Reimaging);
        plan.Add(InstanceStep.Booting);
        plan.AddRange(order.Extensions.Select(_ => InstanceStep.Extension));
        plan.Add(InstanceStep.Probing);
        return state with
        {
            Active = active with
            {
                Order = order,
                Plan = plan.ToImmutable(),
                StepIndex = -1,
                ExtensionsToRun = order.Extensions,
                ExtensionIndex = 0,
                RolledBackFrom = failure,
                PendingFailure = null,
                NewImageDefect = false,
            },
        };
    }

    /// <summary>The operation is over: rejoin the pool, set the final health, report.</summary>
    private static InstanceState Finish(InstanceState state, InstanceFailure? failure, DateTimeOffset now, List<InstanceCommand> commands)
    {
        var active = state.Active!;
        var order = active.Order;
        var health = failure is not null
            ? HealthState.Unhealthy
            : order.Health.Kind == HealthSourceKind.None
                ? (state.IsTrulyHealthy ? HealthState.Healthy : HealthState.Unhealthy)
                : state.Health;
        state = state with
        {
            InPool = !state.LoadBalancers.IsEmpty,
            Health = health,
            PowerState = failure?.Code == "AllocationFailed" ? "stopped" : state.PowerState,
            ProvisioningState = failure is { FailsProvisioning: true } ? "Failed" : "Succeeded",
            LastError = active.RolledBackFrom is { } original
                ? $"{original.Message} The previous OS disk ({active.Order.TargetImage}) was restored{(failure is null ? "" : $", but: {failure.Message}")}."
                : failure?.Message,
            Active = null,
            LastOperationEnd = now,
        };
        if (!active.Reported)
        {
            // After a rollback the upgrade still failed; the rollback's own outcome travels with it.
            var report = Report(state, active, active.RolledBackFrom ?? failure);
            if (active.RolledBackFrom is not null)
            {
                report = report with { Outcome = report.Outcome with { RolledBack = failure is null } };
            }

            commands.Add(new ReportOperation(report));
        }

        var armed = ArmRandomFault(state, now);
        commands.AddRange(armed.Commands);
        return armed.State;
    }

    private static InstanceReport Report(InstanceState state, ActiveOperation active, InstanceFailure? failure) =>
        new(active.Order.RunId, new InstanceOutcome(state.InstanceId, failure is null, failure?.Code, failure?.Message), state.ToSummary(), active.Order.Kind)
        {
            Steps = active.History,
            StartedAt = active.StartedAt,
            TraceParent = active.Order.TraceParent,
        };

    private static StepRecord Record(ActiveOperation active, DateTimeOffset now)
    {
        var step = active.Step;
        var name = step switch
        {
            InstanceStep.Draining => "drain",
            InstanceStep.Provisioning => "provision",
            InstanceStep.Reimaging => "reimage",
            InstanceStep.Booting => "boot",
            InstanceStep.Restarting => "restart",
            InstanceStep.Extension => "extension",
            InstanceStep.Probing => "probe",
            _ => "delete",
        };
        var extension = step == InstanceStep.Extension ? active.ExtensionsToRun[active.ExtensionIndex].Name : null;
        return new StepRecord(name, extension, active.StepStartedAt, now, active.PendingFailure?.Code ?? "Succeeded", active.PendingFailure?.Message);
    }

    private static ImmutableArray<ExtensionStatus> SetExtension(ImmutableArray<ExtensionStatus> list, ExtensionStatus status)
    {
        for (var i = 0; i < list.Length; i++)
        {
            if (string.Equals(list[i].Name, status.Name, StringComparison.OrdinalIgnoreCase))
            {
                return list.SetItem(i, status);
            }
        }

        return list.Add(status);
    }

    /// <summary>Derives the load balancer and health notifications from what changed.</summary>
    private static InstanceTransition Finalise(InstanceState before, InstanceState after, DateTimeOffset now, List<InstanceCommand> commands)
    {
        if (before.Health != after.Health)
        {
            after = after with { UnhealthySince = after.Health == HealthState.Healthy ? null : before.UnhealthySince ?? now };
        }

        if (!after.LoadBalancers.IsEmpty && (before.InPool != after.InPool || before.InService != after.InService))
        {
            commands.Insert(0, new UpdateBackends(after.InPool, after.InService));
        }

        var reported = commands.Any(c => c is ReportOperation);
        var settlingChanged = before.Active is { Reported: true } != after.Active is { Reported: true };
        if (!reported && (before.Health != after.Health || settlingChanged) && after.Active is null or { Reported: true })
        {
            commands.Add(new ReportHealth(after.ToSummary()));
        }

        return new InstanceTransition(after, [.. commands]);
    }
}
