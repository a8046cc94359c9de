using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;
using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Abstractions.Json;
using VmssGrains.Client.Cli;
using VmssGrains.Client.Rendering;
using VmssGrains.Domain;
using VmssGrains.Domain.Fleet;
using VmssGrains.Domain.Rolling;
using VmssGrains.Domain.ScaleSets;

namespace VmssGrains.Client.Commands;

/// <summary>list-instances, get-instance-view, get-os-upgrade-history, set-protection-policy.</summary>
public static class InstanceCommands
{
    /// <summary>Builds the verbs.</summary>
    public static IEnumerable<Command> Create(TextWriter output, TextWriter error) =>
    [
        ListInstancesCommand(output, error),
        InstanceViewCommand(output, error),
        HistoryCommand(output, error),
        ProtectionCommand(output, error),
    ];

    private static Command ListInstancesCommand(TextWriter output, TextWriter error)
    {
        var name = Verb.NameOption();
        var latest = new Option<bool?>("--latest-model-applied") { Description = "Only instances whose latestModelApplied is true or false" };
        var top = new Option<int?>("--top") { Description = $"One page of at most this many instances (1 to {InstancePaging.MaxTop}); the output's nextLink asks for the next" };
        var skipToken = new Option<string>("--skip-token") { Description = "The page after the one whose nextLink carries this $skiptoken (the token, or the whole nextLink)" };
        return Verb.Create("list-instances", "List the instances of a scale set", output, error, [name, latest, top, skipToken], async (context, client, cancellationToken) =>
        {
            var scaleSetName = context.Get(name)!;
            var scaleSet = client.GetGrain<IScaleSetGrain>(scaleSetName);
            var (paged, size, token) = InstanceListPages.Request(context.Get(top), context.Get(skipToken));
            InstancePaging.Validate(size, token, "--top", "--skip-token");

            // Read page by page from the scale set: one page when asked for one, every page otherwise.
            var first = await scaleSet.ListInstancesPageAsync(size, token, context.Get(latest), cancellationToken);
            var instances = new List<Domain.Model.InstanceSummary>(first.Value);
            for (var page = first; !paged && page.SkipToken is not null;)
            {
                page = await scaleSet.ListInstancesPageAsync(size, page.SkipToken, context.Get(latest), cancellationToken);
                instances.AddRange(page.Value);
            }

            var nextLink = paged && first.SkipToken is { } next ? InstanceListPages.NextLink(first.Model, size, next) : null;
            if (context.Json)
            {
                var value = new JsonArray([.. instances.Select(i => (JsonNode)AzureJson.Instance(first.Model, i, first.ModelVersion))]);
                await Output.JsonAsync(context, paged ? InstanceListPages.Json(value, nextLink) : value);
                return ExitCodes.Ok;
            }

            var table = new Table().Border(TableBorder.Simple).AddColumns("InstanceId", "Zone", "LatestModelApplied", "Image", "Health", "ProvisioningState", "Protected");
            foreach (var i in instances)
            {
                table.AddRow(
                    i.InstanceId,
                    i.Zone ?? "—",
                    (i.ModelVersion == first.ModelVersion).ToString(),
                    Markup.Escape(i.Image.ToString()),
                    i.Busy ? "Upgrading" : i.Health.ToString(),
                    i.ProvisioningState,
                    i.ProtectFromScaleSetActions ? "ScaleSetActions" : i.ProtectFromScaleIn ? "ScaleIn" : "—");
            }

            var console = Terminal.For(context.Out);
            console.Write(table);
            if (paged && first.SkipToken is { } more)
            {
                console.MarkupLine($"More instances: --skip-token {Markup.Escape(more)}");
            }

            return ExitCodes.Ok;
        });
    }

    private static Command InstanceViewCommand(TextWriter output, TextWriter error)
    {
        var name = Verb.NameOption();
        var instanceId = new Option<string>("--instance-id") { Description = "One instance: its instance view (health, disks, extensions)" };
        return Verb.Create("get-instance-view", "Show the instance view of one instance, or a summary of the scale set", output, error, [name, instanceId], async (context, client, cancellationToken) =>
        {
            var scaleSetName = context.Get(name)!;
            var scaleSet = client.GetGrain<IScaleSetGrain>(scaleSetName);
            if (context.Get(instanceId) is { } id)
            {
                // Two small reads (not the whole scale set's snapshot): the scale set exists, and so does the instance.
                if (!await scaleSet.ExistsAsync())
                {
                    throw ScaleSetQueries.NotFound(scaleSetName);
                }

                var state = await client.GetGrain<IVmInstanceGrain>(GrainKeys.Instance(scaleSetName, id)).GetStateAsync()
                    ?? throw new AzureException("NotFound", $"--instance-id: instance '{id}' does not exist in scale set '{scaleSetName}'", "instanceId");
                var view = AzureJson.InstanceView(state, AzureJson.AbsoluteTime);
                if (context.Json)
                {
                    await Output.JsonAsync(context, view);
                    return ExitCodes.Ok;
                }

                var console = Terminal.For(context.Out);
                console.MarkupLine($"Instance {Markup.Escape(id)}: {state.Health}, {state.ProvisioningState}, {state.PowerState}, image {Markup.Escape(state.Image.ToString())}, model version {state.ModelVersion}");
                console.MarkupLine($"OS disk generation {state.OsDisk.Generation}: {Markup.Escape(string.Join(", ", state.OsDisk.Files))}");
                console.MarkupLine($"Data disk: {Markup.Escape(string.Join(", ", state.DataDisk.Files))}");
                foreach (var e in state.Extensions)
                {
                    console.MarkupLine($"Extension {Markup.Escape(e.Name)}: {e.ProvisioningState}{(e.Message is null ? "" : $" — {Markup.Escape(e.Message)}")}");
                }

                return ExitCodes.Ok;
            }

            // The scale set's instance view: counts of instances by status.
            var snapshot = await scaleSet.GetSnapshotAsync(cancellationToken);
            var summary = new JsonObject
            {
                ["virtualMachine"] = new JsonObject
                {
                    ["statusesSummary"] = new JsonArray([.. InstancesSummary.StatusesSummary(snapshot.Instances).Select(s => (JsonNode)new JsonObject { ["code"] = s.Code, ["count"] = s.Count })]),
                },
                ["statuses"] = new JsonArray(new JsonObject
                {
                    ["code"] = $"ProvisioningState/{ScaleSetProvisioning.State(snapshot.Runs.Any(r => !r.Run.IsEnded), snapshot.Operations, snapshot.Runs).ToLowerInvariant()}",
                    ["level"] = "Info",
                }),

                // Automatic repairs are suspended while an upgrade run is under way.
                ["orchestrationServices"] = new JsonArray(new JsonObject
                {
                    ["serviceName"] = "AutomaticRepairs",
                    ["serviceState"] = !snapshot.Model.AutomaticRepairsPolicy.Enabled ? "NotRunning" : snapshot.Runs.Any(r => !r.Run.IsEnded) ? "Suspended" : "Running",
                }),
            };
            if (context.Json)
            {
                await Output.JsonAsync(context, summary);
                return ExitCodes.Ok;
            }

            var table = new Table().Border(TableBorder.Simple).AddColumns("Status", "Count");
            foreach (var status in summary["virtualMachine"]!["statusesSummary"]!.AsArray())
            {
                table.AddRow(Output.Text(status!["code"]), Output.Text(status["count"]));
            }

            Terminal.For(context.Out).Write(table);
            return ExitCodes.Ok;
        });
    }

    private static Command HistoryCommand(TextWriter output, TextWriter error)
    {
        var name = Verb.NameOption();
        return Verb.Create("get-os-upgrade-history", "Show the last OS upgrades of a scale set", output, error, [name], async (context, client, cancellationToken) =>
        {
            var snapshot = await client.GetGrain<IScaleSetGrain>(context.Get(name)!).GetSnapshotAsync(cancellationToken);
            var runs = OsUpgradeHistory.Of(snapshot.Runs.Select(r => r.Run));
            if (context.Json)
            {
                await Output.JsonAsync(context, new JsonObject { ["value"] = new JsonArray([.. runs.Select(r => (JsonNode)AzureJson.OsUpgradeHistoryEntry(r, AzureJson.AbsoluteTime, snapshot.Model.Location))]) });
                return ExitCodes.Ok;
            }

            var table = new Table().Border(TableBorder.Simple).AddColumns("Status", "StartedBy", "Started", "Ended", "TargetImage", "Successful", "Failed", "RolledBack");
            foreach (var run in runs)
            {
                table.AddRow(
                    run.Code.ToString(),
                    run.StartedBy,
                    AzureJson.AbsoluteTime(run.StartTime),
                    run.EndTime is { } end ? AzureJson.AbsoluteTime(end) : "—",
                    Markup.Escape(run.TargetImage?.ToString() ?? "—"),
                    $"{run.Succeeded.Count}",
                    $"{run.Failed.Count}",
                    $"{run.RolledBackSucceeded}");
            }

            Terminal.For(context.Out).Write(table);
            return ExitCodes.Ok;
        });
    }

    private static Command ProtectionCommand(TextWriter output, TextWriter error)
    {
        var name = Verb.NameOption();
        var ids = Verb.InstanceIdsOption(required: true);
        var scaleIn = new Option<bool>("--protect-from-scale-in") { Description = "Never remove these instances on scale-in" };
        var actions = new Option<bool>("--protect-from-scale-set-actions") { Description = "Skip these instances in upgrades, scale-set reimage and repairs (needs --protect-from-scale-in)" };
        return Verb.Create("set-protection-policy", "Set the protection policy of instances", output, error, [name, ids, scaleIn, actions], async (context, client, cancellationToken) =>
        {
            await client.GetGrain<IScaleSetGrain>(context.Get(name)!).SetProtectionPolicyAsync([.. context.Get(ids)!], context.Get(scaleIn), context.Get(actions), cancellationToken);
            return ExitCodes.Ok;
        });
    }
}
