using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Domain;
using VmssGrains.Domain.Faults;
using VmssGrains.Domain.Load;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.ScaleSets;
using VmssGrains.Grains.Clock;
using VmssGrains.Simulation.Reporting;
using VmssGrains.Simulation.Scenarios;

namespace VmssGrains.Simulation.Driving;

/// <summary>
/// Plays a scenario on a cluster: creates its load balancers, images and scale sets, plays actions and
/// timed faults at their simulated times, waits until every run has ended (or <c>until</c>), and builds
/// the report. It never waits inside a grain: simulated time moves only through the <see cref="IScenarioClock"/>.
/// </summary>
public sealed class ScenarioRunner(IGrainFactory grains, IScenarioClock clock)
{
    /// <summary>How long a scenario without <c>until</c> may run at most (<see cref="ScenarioHorizon.Default"/>).</summary>
    public static readonly TimeSpan DefaultLimit = ScenarioHorizon.Default;

    /// <summary>Which instances the report lists (<c>simulate --instances</c>); null for the default (<see cref="Domain.Fleet.InstanceListings.Default"/>).</summary>
    public Domain.Fleet.InstanceListing? Instances { get; init; }

    /// <summary>
    /// Called after each action has been played, at the action's simulated time, before simulated time moves on (so
    /// before the end of that instant); null for none. The batch listing reads the run an action started here.
    /// </summary>
    public Func<ScenarioAction, ActionResult, Task>? AfterAction { get; init; }

    /// <summary>Runs the scenario and returns its report.</summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="seedOverride">A seed that replaces the scenario's.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public async Task<SimulationReport> RunAsync(Scenario scenario, long? seedOverride = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var seed = seedOverride ?? scenario.Seed;
        var (start, end, results, trafficAtStart) = await PlayAsync(scenario, seed, settle: true, cancellationToken);

        // Read as of the end: the load balancers' traffic is counted until then, not until the report is built.
        CallTime.Set(end);
        try
        {
            return await new ReportBuilder(grains, Instances) { TrafficAtStart = trafficAtStart }.BuildAsync(scenario, seed, start, end, results, cancellationToken);
        }
        finally
        {
            CallTime.Clear();
        }
    }

    /// <summary>
    /// Sets the scenario up and plays its actions (up to its horizon; a gated action when its gate opens), then stops:
    /// nothing settles after the last action and no report is built. What <see cref="AfterAction"/> saw is the result.
    /// </summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="seedOverride">A seed that replaces the scenario's.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public Task PlayActionsAsync(Scenario scenario, long? seedOverride, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return PlayAsync(scenario, seedOverride ?? scenario.Seed, settle: false, cancellationToken);
    }

    /// <summary>Sets up and plays the scenario; with <paramref name="settle"/>, runs on until every run has ended (or the horizon) and returns that end.</summary>
    private async Task<(DateTimeOffset Start, DateTimeOffset End, List<ActionResult> Results, IReadOnlyDictionary<string, TrafficMeter> TrafficAtStart)> PlayAsync(Scenario scenario, long seed, bool settle, CancellationToken cancellationToken)
    {
        RequestContext.Set(GrainKeys.CallerKey, "scenario");

        // Everything the scenario sets up acts at the one time it starts at, however long setting up takes on a scaled
        // or real clock (CallTime): the scenario's own times count from there.
        var start = await clock.NowAsync(cancellationToken);
        CallTime.Set(start);
        IReadOnlyDictionary<string, TrafficMeter> trafficAtStart;
        try
        {
            trafficAtStart = await SetUpAsync(scenario, seed, start, cancellationToken);
        }
        finally
        {
            CallTime.Clear();
        }

        var limit = start + ScenarioHorizon.Of(scenario.Until);
        var results = new List<ActionResult>();
        var gates = new PromotionGates(grains, scenario, start);
        var traffic = scenario.TrafficGates.IsDefaultOrEmpty ? null : new TrafficGateWatch(grains, scenario.TrafficGates, start);
        if (traffic is not null)
        {
            await traffic.StartAsync(results, cancellationToken);
        }

        var timed = scenario.Actions.Where(a => a.Gate is null).ToList();
        var next = 0;
        while (true)
        {
            DateTimeOffset? due = next < timed.Count && start + timed[next].At <= limit ? start + timed[next].At : null;

            // A traffic gate's whole-minute check comes before an action due at that minute or later; a promotion gate
            // that opens before the check is decided first.
            if (traffic is not null && (due is not null || gates.AnyArmed) && traffic.NextCheck <= (due ?? limit))
            {
                var check = traffic.NextCheck;
                if (gates.AnyArmed
                    && await clock.AdvanceUntilAsync(check, gates.AnyReadyAsync, cancellationToken)
                    && await clock.NowAsync(cancellationToken) < check)
                {
                    await DecideGatesAsync(gates, scenario, start, results, cancellationToken);
                    continue;
                }

                await clock.AdvanceToAsync(check, cancellationToken);
                await traffic.CheckNextAsync(results, cancellationToken);
                continue;
            }

            // A gate waiting for an operation under way opens at the instant it ends when that comes before the next action;
            // at the next action's instant the actions due then are played first.
            if (gates.AnyArmed
                && await clock.AdvanceUntilAsync(due ?? limit, gates.AnyReadyAsync, cancellationToken)
                && (due is null || await clock.NowAsync(cancellationToken) < due))
            {
                await DecideGatesAsync(gates, scenario, start, results, cancellationToken);
                continue;
            }

            if (due is not { } at)
            {
                // A wall clock stops waiting once nothing is under way: an operation that ended as the work settled is decided still.
                if (gates.AnyArmed && await gates.AnyReadyAsync(cancellationToken))
                {
                    await DecideGatesAsync(gates, scenario, start, results, cancellationToken);
                    continue;
                }

                break;
            }

            await clock.AdvanceToAsync(at, cancellationToken);

            // Every action due at this instant, in file order; then the gates their outcomes (or the instant's work) opened.
            for (; next < timed.Count && start + timed[next].At == at; next++)
            {
                await PlayAtAsync(timed[next], at, gates, scenario, start, results, cancellationToken);
            }

            await DecideGatesAsync(gates, scenario, start, results, cancellationToken);
        }

        if (!settle)
        {
            return (start, await clock.NowAsync(cancellationToken), results, trafficAtStart);
        }

        var end = await (traffic is null ? clock.RunUntilSettledAsync(limit, cancellationToken) : traffic.RunUntilSettledAsync(clock, limit, results, cancellationToken));
        results.AddRange(await gates.TakeUnendedAsync(end, cancellationToken));

        // In time order: on a scaled or real clock a gate can be noticed after a later action was played (stable: as played at one time).
        return (start, end, [.. results.OrderBy(r => r.At)], trafficAtStart);
    }

    /// <summary>
    /// Decides every gate whose awaited operation has ended, in the order they ended (then file order): a gate that
    /// passes plays its action at the instant the operation ended, one that does not records it as Skipped. Repeats
    /// while a decision readies further gates (a chain whose action ends at once), each round after the one before.
    /// </summary>
    private async Task DecideGatesAsync(PromotionGates gates, Scenario scenario, DateTimeOffset start, List<ActionResult> results, CancellationToken cancellationToken)
    {
        while (await gates.TakeReadyAsync(cancellationToken) is { Count: > 0 } ready)
        {
            foreach (var (action, verdict, at) in ready)
            {
                if (verdict.Passed)
                {
                    await PlayAtAsync(action with { At = at - start }, at, gates, scenario, start, results, cancellationToken);
                }
                else
                {
                    var skipped = gates.Skipped(action, verdict, at);
                    gates.Played(action, skipped);
                    results.Add(skipped);
                }
            }
        }
    }

    /// <summary>Plays <paramref name="action"/> at <paramref name="at"/>, however late a scaled clock's wait for it ended.</summary>
    private async Task PlayAtAsync(ScenarioAction action, DateTimeOffset at, PromotionGates gates, Scenario scenario, DateTimeOffset start, List<ActionResult> results, CancellationToken cancellationToken)
    {
        CallTime.Set(at);
        try
        {
            var result = await PlayAsync(action, scenario, start, cancellationToken);
            gates.Played(action, result);
            results.Add(result);
            if (AfterAction is { } after)
            {
                await after(action, result);
            }
        }
        finally
        {
            CallTime.Clear();
        }
    }

    /// <summary>Sets the scenario up at <paramref name="start"/>; returns its load balancers' traffic at the start, before its scale sets exist.</summary>
    private async Task<IReadOnlyDictionary<string, TrafficMeter>> SetUpAsync(Scenario scenario, long seed, DateTimeOffset start, CancellationToken cancellationToken)
    {
        // On a shared cluster a scale set may exist already: refused before anything of the scenario is created.
        for (var i = 0; i < scenario.ScaleSets.Length; i++)
        {
            if (await grains.GetGrain<IScaleSetGrain>(scenario.ScaleSets[i].Name).ExistsAsync())
            {
                throw new ScenarioException($"$.scaleSets[{i}].name", $"scale set '{scenario.ScaleSets[i].Name}' already exists on this cluster; delete it or rename it in the scenario");
            }
        }

        var gallery = grains.GetGrain<IImageGalleryGrain>(GrainKeys.Gallery);
        try
        {
            await gallery.AddVersionsAsync([.. scenario.Images.Select(v => Version(v, start + v.PublishedAt))]);
        }
        catch (AzureException e)
        {
            // The gallery checks every version before it adds any; its target is "versions[i]" when there are several.
            var index = e.Target is { } target && target.StartsWith("versions[", StringComparison.Ordinal) ? int.Parse(target[9..^1], System.Globalization.CultureInfo.InvariantCulture) : 0;
            throw new ScenarioException(scenario.Images[index].Path, e.Message);
        }

        foreach (var (name, config) in scenario.LoadBalancers)
        {
            // The load model's seconds and minutes count from the scenario start (docs/behaviour.md#load).
            await grains.GetGrain<ILoadBalancerGrain>(name).ConfigureAsync(config with { Origin = start });
        }

        // On a shared cluster a load balancer may have served earlier scenarios (and dropped what it was offered while
        // no scale set was behind it): the report counts the traffic from here on only (TrafficMeter.CountedFrom).
        var trafficAtStart = new Dictionary<string, TrafficMeter>(StringComparer.Ordinal);
        foreach (var name in LoadBalancersOf(scenario))
        {
            trafficAtStart[name] = (await grains.GetGrain<ILoadBalancerGrain>(name).GetStatusAsync()).Traffic;
        }

        // Scale sets are created a few at a time (a fleet's creation is mostly waiting on its instances); a refusal is
        // reported for the first refused scale set in the scenario's order, as if they had been created one by one.
        // Started from this flow, not on other threads: the reference engine's objects belong to one thread, and its
        // calls complete before they return, so there they still run one after the other.
        using var gate = new SemaphoreSlim(ConcurrentCreations);
        var creations = new List<Task<ScenarioException?>>(scenario.ScaleSets.Length);
        for (var i = 0; i < scenario.ScaleSets.Length; i++)
        {
            await gate.WaitAsync(cancellationToken);
            creations.Add(CreateAsync(scenario, i, seed, start, gate, cancellationToken));
        }

        if ((await Task.WhenAll(creations)).FirstOrDefault(r => r is not null) is { } refused)
        {
            throw refused;
        }

        return trafficAtStart;
    }

    /// <summary>The load balancers the scenario configures, then those its scale sets' resources name (as the report lists them).</summary>
    private static IEnumerable<string> LoadBalancersOf(Scenario scenario) =>
        scenario.LoadBalancers.Select(l => l.Name)
            .Concat(scenario.ScaleSets.SelectMany(s => ScaleSetModelReader.Read(s.Name, s.Resource, out _)?.AllLoadBalancers ?? []))
            .Distinct(StringComparer.Ordinal);

    /// <summary>Scale sets created at once by the set-up.</summary>
    private const int ConcurrentCreations = 4;

    /// <summary>Creates the scenario's scale set <paramref name="i"/>, then releases <paramref name="gate"/>; a refusal is returned.</summary>
    private async Task<ScenarioException?> CreateAsync(Scenario scenario, int i, long seed, DateTimeOffset start, SemaphoreSlim gate, CancellationToken cancellationToken)
    {
        var scaleSet = scenario.ScaleSets[i];
        var faults = scaleSet.Faults with
        {
            Outages = [.. scaleSet.Outages.Select(o => new SourceOutage(o.Extension, start + o.From, start + o.To))],
        };
        try
        {
            await grains.GetGrain<IScaleSetGrain>(scaleSet.Name).CreateOrUpdateAsync(scaleSet.Resource.ToJsonString(), new SimulationSettings { Seed = seed, Timing = scenario.Timing, Faults = faults }, cancellationToken);
            return null;
        }
        catch (AzureException e)
        {
            return new ScenarioException(e.Target is null ? $"$.scaleSets[{i}]" : $"$.scaleSets[{i}].{e.Target}", e.Message);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<ActionResult> PlayAsync(ScenarioAction action, Scenario scenario, DateTimeOffset start, CancellationToken cancellationToken)
    {
        var scaleSet = action.ScaleSet is null ? null : grains.GetGrain<IScaleSetGrain>(action.ScaleSet);
        try
        {
            OperationStatus? operation = null;
            switch (action.Kind)
            {
                case ScenarioActionKind.Update:
                    operation = await scaleSet!.UpdateAsync(action.Patch!.ToJsonString(), cancellationToken);
                    break;
                case ScenarioActionKind.StartOSUpgrade:
                    operation = await scaleSet!.StartOSUpgradeAsync(cancellationToken);
                    break;
                case ScenarioActionKind.StartExtensionUpgrade:
                    operation = await scaleSet!.StartExtensionUpgradeAsync(cancellationToken);
                    break;
                case ScenarioActionKind.Cancel:
                    await scaleSet!.CancelRollingUpgradeAsync(cancellationToken);
                    break;
                case ScenarioActionKind.UpdateInstances:
                    operation = await scaleSet!.UpdateInstancesAsync(action.InstanceIds, cancellationToken);
                    break;
                case ScenarioActionKind.Reimage or ScenarioActionKind.ReimageAll:
                    operation = await scaleSet!.ReimageAsync(action.InstanceIds, action.Kind == ScenarioActionKind.ReimageAll, cancellationToken);
                    break;
                case ScenarioActionKind.Scale:
                    operation = await scaleSet!.ScaleAsync(action.Capacity, cancellationToken);
                    break;
                case ScenarioActionKind.Approve:
                    await scaleSet!.ApproveRollingUpgradeAsync(action.InstanceIds, cancellationToken);
                    break;
                case ScenarioActionKind.SetProtectionPolicy:
                    await scaleSet!.SetProtectionPolicyAsync(action.InstanceIds, action.ProtectFromScaleIn, action.ProtectFromScaleSetActions, cancellationToken);
                    break;
                case ScenarioActionKind.FaultUnhealthy or ScenarioActionKind.FaultHealed:
                    await scaleSet!.SetUnhealthyAsync(action.InstanceIds, action.Kind == ScenarioActionKind.FaultUnhealthy, cancellationToken);
                    break;
                case ScenarioActionKind.PublishImageVersion:
                    var version = action.ImageVersion!;
                    var replication = version.PublishedAt == TimeSpan.MinValue ? scenario.Timing.Replication.Mean : version.PublishedAt;
                    await grains.GetGrain<IImageGalleryGrain>(GrainKeys.Gallery).AddVersionsAsync([Version(version, start + action.At + replication)]);
                    break;
            }

            return new ActionResult(action.At, action.Name, action.ScaleSet, operation?.Status ?? "Succeeded", operation?.ErrorCode, operation?.ErrorMessage, operation?.Name);
        }
        catch (AzureException e)
        {
            return new ActionResult(action.At, action.Name, action.ScaleSet, "Failed", e.Code, e.Message);
        }
    }

    private static ImageVersionInfo Version(ScenarioImageVersion version, DateTimeOffset publishedAt) => new()
    {
        Image = new ImageReference(ImageSource.Gallery, version.Image, version.Version),
        BakedInExtensions = version.BakedInExtensions,
        PublishedAt = publishedAt,
        Reimage = version.Reimage,
    };
}
