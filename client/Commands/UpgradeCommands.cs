using System.Collections.Immutable;
using System.CommandLine;
using Spectre.Console;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Abstractions.Json;
using VmssGrains.Client.Cli;
using VmssGrains.Client.Rendering;
using VmssGrains.Domain;
using VmssGrains.Domain.ScaleSets;

namespace VmssGrains.Client.Commands;

/// <summary>rolling-upgrade start|cancel|get-latest, extension-upgrade, update-instances, reimage, reimage-all.</summary>
public static class UpgradeCommands
{
    /// <summary>Builds the verbs.</summary>
    public static IEnumerable<Command> Create(TextWriter output, TextWriter error)
    {
        var rolling = new Command("rolling-upgrade", "Start, cancel or show the rolling upgrade of a scale set");
        rolling.Subcommands.Add(Operation("start", "Start a rolling OS image upgrade to the latest image version", output, error, (s, _, ct) => s.StartOSUpgradeAsync(ct)));
        rolling.Subcommands.Add(CancelCommand(output, error));
        rolling.Subcommands.Add(GetLatestCommand(output, error));
        yield return rolling;
        yield return Operation("extension-upgrade", "Re-run the extensions of every instance in a rolling fashion", output, error, (s, _, ct) => s.StartExtensionUpgradeAsync(ct));
        var updateIds = Verb.InstanceIdsOption(required: true);
        yield return Operation("update-instances", "Bring the named instances to the latest model (manualupgrade), all at once", output, error, (s, ctx, ct) => s.UpdateInstancesAsync([.. ctx.Get(updateIds)!], ct), updateIds);
        var reimageIds = Verb.InstanceIdsOption(required: false);
        yield return Operation("reimage", "Reimage the named instances (all when none is named): a fresh OS disk, data disks kept", output, error, (s, ctx, ct) => s.ReimageAsync(Ids(ctx.Get(reimageIds)), false, ct), reimageIds);
        yield return ApproveCommand(output, error);
        var reimageAllIds = Verb.InstanceIdsOption(required: false);
        yield return Operation("reimage-all", "Reimage the named instances (all when none is named) and wipe their data disks", output, error, (s, ctx, ct) => s.ReimageAsync(Ids(ctx.Get(reimageAllIds)), true, ct), reimageAllIds);
    }

    private static ImmutableArray<string> Ids(string[]? ids) => ids is null ? [] : [.. ids];

    /// <summary>A verb that starts a long-running operation and, unless --no-wait, waits for it like az.</summary>
    private static Command Operation(
        string verb,
        string description,
        TextWriter output,
        TextWriter error,
        Func<IScaleSetGrain, CliContext, CancellationToken, Task<OperationStatus>> start,
        params Option[] extra)
    {
        var name = Verb.NameOption();
        var noWait = Verb.NoWaitOption();
        return Verb.Create(verb, description, output, error, [name, noWait, .. extra], async (context, client, cancellationToken) =>
        {
            var scaleSet = client.GetGrain<IScaleSetGrain>(context.Get(name)!);
            var operation = await start(scaleSet, context, cancellationToken);
            if (!context.Get(noWait))
            {
                operation = await OperationWaiter.WaitAsync(scaleSet, operation, cancellationToken);
            }

            if (context.Json)
            {
                await Output.JsonAsync(context, AzureJson.Operation(operation, AzureJson.AbsoluteTime));
            }
            else
            {
                await context.Out.WriteLineAsync($"{operation.Operation} {operation.Status} ({operation.Name})");
            }

            return await OperationWaiter.ExitCodeAsync(context, operation);
        });
    }

    private static Command ApproveCommand(TextWriter output, TextWriter error)
    {
        var name = Verb.NameOption();
        var ids = Verb.InstanceIdsOption(required: false);
        return Verb.Create("approve-rolling-upgrade", "Approve deferred automatic OS upgrades (osRollingUpgradeDeferral) of the named instances, or of all", output, error, [name, ids], async (context, client, cancellationToken) =>
        {
            await client.GetGrain<IScaleSetGrain>(context.Get(name)!).ApproveRollingUpgradeAsync(Ids(context.Get(ids)), cancellationToken);
            return ExitCodes.Ok;
        });
    }

    private static Command CancelCommand(TextWriter output, TextWriter error)
    {
        var name = Verb.NameOption();
        return Verb.Create("cancel", "Cancel the rolling upgrade in progress: the batch in flight finishes, no new batch starts", output, error, [name], async (context, client, cancellationToken) =>
        {
            await client.GetGrain<IScaleSetGrain>(context.Get(name)!).CancelRollingUpgradeAsync(cancellationToken);
            return ExitCodes.Ok;
        });
    }

    private static Command GetLatestCommand(TextWriter output, TextWriter error)
    {
        var name = Verb.NameOption();
        return Verb.Create("get-latest", "Show the latest rolling upgrade (RollingUpgradeStatusInfo)", output, error, [name], async (context, client, cancellationToken) =>
        {
            var scaleSet = client.GetGrain<IScaleSetGrain>(context.Get(name)!);
            var latest = await scaleSet.GetLatestRollingUpgradeAsync(cancellationToken)
                ?? throw new AzureException("NotFound", $"scale set '{context.Get(name)}' has had no rolling upgrade: its rollingUpgrades/latest does not exist");
            if (context.Json)
            {
                var location = (await scaleSet.GetSnapshotAsync(cancellationToken)).Model.Location;
                await Output.JsonAsync(context, AzureJson.RollingUpgradeStatus(latest.Run, AzureJson.AbsoluteTime, location));
                return ExitCodes.Ok;
            }

            var run = latest.Run;
            var (successful, failed, inProgress, pending) = run.Progress;
            var table = new Table().Border(TableBorder.Simple).AddColumns("Status", "Kind", "Started", "LastAction", "Successful", "Failed", "InProgress", "Pending", "Batches");
            table.AddRow(run.Code.ToString(), run.Kind.ToString(), AzureJson.AbsoluteTime(run.StartTime), run.LastAction, $"{successful}", $"{failed}", $"{inProgress}", $"{pending}", $"{run.Batches.Count}");
            var console = Terminal.For(context.Out);
            console.Write(table);
            if (run.Error is { } runError)
            {
                console.MarkupLine($"[red]{Markup.Escape(runError.Code)}[/]: {Markup.Escape(runError.Message)}");
            }

            return ExitCodes.Ok;
        });
    }
}
