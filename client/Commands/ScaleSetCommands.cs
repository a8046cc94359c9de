using System.CommandLine;
using System.Text.Json.Nodes;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Client.Cli;
using VmssGrains.Client.Rendering;
using VmssGrains.Domain.ScaleSets;

namespace VmssGrains.Client.Commands;

/// <summary>create, show, update, delete, scale: the scale set resource itself.</summary>
public static class ScaleSetCommands
{
    /// <summary>Builds the verbs (including those of the other command groups).</summary>
    public static IEnumerable<Command> Create(TextWriter output, TextWriter error) =>
    [
        CreateCommand(output, error),
        ShowCommand(output, error),
        UpdateCommand(output, error),
        DeleteCommand(output, error),
        ScaleCommand(output, error),
        .. UpgradeCommands.Create(output, error),
        .. InstanceCommands.Create(output, error),
        .. InfrastructureCommands.Create(output, error),
    ];

    private static Command CreateCommand(TextWriter output, TextWriter error)
    {
        var name = Verb.NameOption();
        var file = new Option<string>("--file", "-f") { Description = "Azure JSON of the scale set: az vmss show output, a bare properties object, a REST API example, or an ARM template" };
        var parameters = new Option<string[]>("--parameters") { Description = "ARM template parameters, name=value (values parsed as JSON when they parse)", AllowMultipleArgumentsPerToken = true };
        var image = new Option<string>("--image") { Description = "Gallery image name[:version], an image id, or a URN publisher:offer:sku:version" };
        var count = new Option<int>("--instance-count") { Description = "Number of instances (sku.capacity)", DefaultValueFactory = _ => 2 };
        var mode = new Option<string>("--upgrade-policy-mode") { Description = "Manual, Automatic or Rolling", DefaultValueFactory = _ => "Manual" };
        var orchestration = new Option<string>("--orchestration-mode") { Description = "Uniform or Flexible", DefaultValueFactory = _ => "Uniform" };
        var zones = new Option<string[]>("--zones") { Description = "Availability zones, e.g. --zones 1 2 3", AllowMultipleArgumentsPerToken = true };
        var lb = new Option<string>("--lb") { Description = "Load balancer whose backend pool the instances join" };
        var probe = new Option<string>("--health-probe") { Description = "Probe of --lb used as the health source" };
        var extensions = new Option<string[]>("--extensions") { Description = "Custom Script extensions by name, provisioned in this order", AllowMultipleArgumentsPerToken = true };
        var healthExtension = new Option<bool>("--application-health-extension") { Description = "Add the Application Health extension as the health source" };
        var seed = new Option<long?>("--seed") { Description = "Seed of the scale set's random draws (default: the silo's)" };
        var policy = RollingPolicyOptions();
        mode.AcceptOnlyFromAmong("Manual", "Automatic", "Rolling");
        orchestration.AcceptOnlyFromAmong("Uniform", "Flexible");
        return Verb.Create("create", "Create a scale set from an Azure resource JSON file or from flags", output, error, [name, file, parameters, image, count, mode, orchestration, zones, lb, probe, extensions, healthExtension, seed, .. policy.Values], async (context, client, cancellationToken) =>
        {
            var scaleSetName = context.Get(name)!;
            JsonObject resource;
            if (context.Get(file) is { } path)
            {
                resource = ResourceFiles.ScaleSetResource(ResourceFiles.ReadObject(path), path, ResourceFiles.Parameters(context.Get(parameters) ?? []));

                // --name decides: examples and templates carry placeholder or expression names.
                resource.Remove("name");
            }
            else
            {
                resource = new ScaleSetJsonBuilder
                {
                    Image = context.Get(image) ?? new ScaleSetJsonBuilder().Image,
                    InstanceCount = context.Get(count),
                    UpgradePolicyMode = context.Get(mode)!,
                    OrchestrationMode = context.Get(orchestration)!,
                    Zones = context.Get(zones) ?? [],
                    LoadBalancer = context.Get(lb),
                    HealthProbe = context.Get(probe) ?? (context.Get(lb) is null ? null : "health"),
                    Extensions = context.Get(extensions) ?? [],
                    ApplicationHealthExtension = context.Get(healthExtension),
                    RollingUpgradePolicy = policy
                        .Where(p => context.Parse.GetResult(p.Value) is not null)
                        .ToDictionary(p => p.Key, p => ResourceFiles.Value(context.Get(p.Value)!)),
                }.Build(scaleSetName);
            }

            var scaleSet = client.GetGrain<IScaleSetGrain>(scaleSetName);
            if (await scaleSet.ExistsAsync())
            {
                throw new CliException($"scale set '{scaleSetName}' already exists; use update, or delete it first");
            }

            var settings = context.Get(seed) is { } s ? new SimulationSettings { Seed = s } : null;
            var operation = await scaleSet.CreateOrUpdateAsync(resource.ToJsonString(), settings, cancellationToken);
            await Output.ResourceAsync(context, await scaleSet.GetAsync(cancellationToken));
            return await OperationWaiter.ExitCodeAsync(context, operation);
        });
    }

    /// <summary>The rollingUpgradePolicy flags, kebab-case of Azure's names; values are passed through as JSON (50 a number, true a boolean, PT5M a string).</summary>
    private static Dictionary<string, Option<string>> RollingPolicyOptions() => new()
    {
        ["maxBatchInstancePercent"] = new("--max-batch-instance-percent") { Description = "rollingUpgradePolicy.maxBatchInstancePercent (5–100)" },
        ["maxUnhealthyInstancePercent"] = new("--max-unhealthy-instance-percent") { Description = "rollingUpgradePolicy.maxUnhealthyInstancePercent (5–100)" },
        ["maxUnhealthyUpgradedInstancePercent"] = new("--max-unhealthy-upgraded-instance-percent") { Description = "rollingUpgradePolicy.maxUnhealthyUpgradedInstancePercent (0–100)" },
        ["pauseTimeBetweenBatches"] = new("--pause-time-between-batches") { Description = "rollingUpgradePolicy.pauseTimeBetweenBatches (ISO 8601, e.g. PT5M)" },
        ["enableCrossZoneUpgrade"] = new("--enable-cross-zone-upgrade") { Description = "rollingUpgradePolicy.enableCrossZoneUpgrade (true/false)" },
        ["prioritizeUnhealthyInstances"] = new("--prioritize-unhealthy-instances") { Description = "rollingUpgradePolicy.prioritizeUnhealthyInstances (true/false)" },
    };

    private static Command ShowCommand(TextWriter output, TextWriter error)
    {
        var name = Verb.NameOption();
        return Verb.Create("show", "Show a scale set's resource JSON", output, error, [name], async (context, client, cancellationToken) =>
        {
            await Output.ResourceAsync(context, await client.GetGrain<IScaleSetGrain>(context.Get(name)!).GetAsync(cancellationToken));
            return ExitCodes.Ok;
        });
    }

    private static Command UpdateCommand(TextWriter output, TextWriter error)
    {
        var name = Verb.NameOption();
        var set = new Option<string[]>("--set") { Description = "Set a property: path=value, as az takes it (upgradePolicy.mode=Manual, virtualMachineProfile.extensionProfile.extensions[0].settings.port=80) or in the REST form (properties.upgradePolicy.mode=Manual); values are JSON when they parse", AllowMultipleArgumentsPerToken = true };
        var add = new Option<string[]>("--add") { Description = "Append to a list: --add PATH VALUE... (JSON, a string, or key=value pairs making one object); on an object, key=value pairs add members", AllowMultipleArgumentsPerToken = true };
        var remove = new Option<string[]>("--remove") { Description = "Remove a property, or a list element: --remove PATH [INDEX]", AllowMultipleArgumentsPerToken = true };
        var file = new Option<string>("--file", "-f") { Description = "A JSON merge patch file" };
        var patch = new Option<string>("--patch") { Description = "A JSON merge patch given inline" };
        var noWait = Verb.NoWaitOption();
        return Verb.Create("update", "Update a scale set: --set/--add/--remove like az's generic update, or a JSON merge patch (an empty update starts a new rolling run over stale instances)", output, error, [name, set, add, remove, file, patch, noWait], async (context, client, cancellationToken) =>
        {
            var scaleSetName = context.Get(name)!;
            var operations = ResourceFiles.GenericUpdates(context.Parse, set, add, remove);
            if (operations.Count > 0 && (context.Get(file) is not null || context.Get(patch) is not null))
            {
                throw new CliException("--set, --add and --remove edit the resource; --patch and --file give a whole merge patch: use one or the other");
            }

            var scaleSet = client.GetGrain<IScaleSetGrain>(scaleSetName);
            var body = context.Get(file) is { } path ? ResourceFiles.ReadObject(path)
                : context.Get(patch) is { } inline ? ResourceFiles.ParseObject(inline, "--patch")
                : operations.Count == 0 ? new JsonObject()
                : ResourceFiles.GenericUpdatePatch(await scaleSet.GetAsync(cancellationToken), operations, scaleSetName);
            var operation = await scaleSet.UpdateAsync(body.ToJsonString(), cancellationToken);
            if (!context.Get(noWait))
            {
                // In Rolling and Automatic mode the update ends with its run, and fails with the run's error.
                operation = await OperationWaiter.WaitAsync(scaleSet, operation, cancellationToken);
            }

            await Output.ResourceAsync(context, await scaleSet.GetAsync(cancellationToken));
            return await OperationWaiter.ExitCodeAsync(context, operation);
        });
    }

    private static Command DeleteCommand(TextWriter output, TextWriter error)
    {
        var name = Verb.NameOption();
        return Verb.Create("delete", "Delete a scale set and its instances", output, error, [name], async (context, client, cancellationToken) =>
        {
            await client.GetGrain<IScaleSetGrain>(context.Get(name)!).DeleteAsync(cancellationToken);
            return ExitCodes.Ok;
        });
    }

    private static Command ScaleCommand(TextWriter output, TextWriter error)
    {
        var name = Verb.NameOption();
        var capacity = new Option<int>("--new-capacity") { Description = "The new number of instances", Required = true };
        var noWait = Verb.NoWaitOption();
        return Verb.Create("scale", "Change the number of instances (new ones get the latest model; scale-in spares protected instances)", output, error, [name, capacity, noWait], async (context, client, cancellationToken) =>
        {
            var scaleSet = client.GetGrain<IScaleSetGrain>(context.Get(name)!);
            var operation = await scaleSet.ScaleAsync(context.Get(capacity), cancellationToken);
            if (!context.Get(noWait))
            {
                operation = await OperationWaiter.WaitAsync(scaleSet, operation, cancellationToken);
            }

            await Output.ResourceAsync(context, await scaleSet.GetAsync(cancellationToken));
            return await OperationWaiter.ExitCodeAsync(context, operation);
        });
    }
}
