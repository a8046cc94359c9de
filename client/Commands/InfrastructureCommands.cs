using System.CommandLine;
using System.Text.Json.Nodes;
using Spectre.Console;
using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Client.Cli;
using VmssGrains.Client.Rendering;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Naming;
using VmssGrains.Domain.ScaleSets;
using VmssGrains.Domain.Time;

namespace VmssGrains.Client.Commands;

/// <summary>image publish|list, lb configure|show, fault unhealthy|heal, and watch.</summary>
public static class InfrastructureCommands
{
    /// <summary>Builds the verbs.</summary>
    public static IEnumerable<Command> Create(TextWriter output, TextWriter error) =>
        [ImageCommand(output, error), LoadBalancerCommand(output, error), FaultCommand(output, error), WatchCommand.Create(output, error), ActivityLogCommand.Create(output, error)];

    private static Command ImageCommand(TextWriter output, TextWriter error)
    {
        var image = new Command("image", "Gallery image versions");
        var name = new Option<string>("--image") { Description = "Image definition name (the gallery image of the scale set's imageReference)", Required = true };
        var version = new Option<string>("--version") { Description = "The new version, e.g. 1.2.0", Required = true };
        var baked = new Option<string[]>("--baked-in-extensions") { Description = "Extensions whose work the image already carries", AllowMultipleArgumentsPerToken = true };
        var replication = new Option<string>("--replication-time") { Description = "Simulated replication time before the version counts as published (ISO 8601)", DefaultValueFactory = _ => "PT0S" };
        image.Subcommands.Add(Verb.Create("publish", "Publish an image version (after its replication time)", output, error, [name, version, baked, replication], async (context, client, cancellationToken) =>
        {
            if (!IsoDuration.TryParse(context.Get(replication), out var delay))
            {
                var text = context.Get(replication);
                throw new CliException($"--replication-time: {(IsoDuration.IsBeyondMaximum(text) ? IsoDuration.BeyondMaximumMessage(text!) : $"'{text}' is not an ISO 8601 duration such as PT10M")}");
            }

            CheckName("--image", NameKind.GalleryImage, context.Get(name));
            CheckName("--version", NameKind.GalleryImageVersion, context.Get(version));
            foreach (var extension in context.Get(baked) ?? [])
            {
                CheckName("--baked-in-extensions", NameKind.Extension, extension);
            }

            var now = (await client.GetGrain<IClusterClockGrain>(0).GetNowAsync()).Now;
            var info = new ImageVersionInfo
            {
                Image = new ImageReference(ImageSource.Gallery, context.Get(name)!, context.Get(version)!),
                BakedInExtensions = [.. context.Get(baked) ?? []],
                PublishedAt = now + delay,
            };
            await client.GetGrain<IImageGalleryGrain>(GrainKeys.Gallery).AddVersionsAsync([info]);
            await context.Out.WriteLineAsync($"{info.Image} published at {Cli.Times.Absolute(info.PublishedAt)}");
            return ExitCodes.Ok;
        }));
        image.Subcommands.Add(Verb.Create("list", "List image versions", output, error, [], async (context, client, cancellationToken) =>
        {
            var versions = await client.GetGrain<IImageGalleryGrain>(GrainKeys.Gallery).ListAsync();
            if (context.Json)
            {
                await Output.JsonAsync(context, new JsonArray([.. versions.Select(v => (JsonNode)new JsonObject
                {
                    ["image"] = v.Image.Image,
                    ["version"] = v.Image.Version,
                    ["publishedAt"] = Cli.Times.Absolute(v.PublishedAt),
                    ["bakedInExtensions"] = new JsonArray([.. v.BakedInExtensions.Select(b => (JsonNode)JsonValue.Create(b))]),
                })]));
                return ExitCodes.Ok;
            }

            var table = new Table().Border(TableBorder.Simple).AddColumns("Image", "Version", "PublishedAt", "BakedIn");
            foreach (var v in versions)
            {
                table.AddRow(Markup.Escape(v.Image.Image), Markup.Escape(v.Image.Version), Cli.Times.Absolute(v.PublishedAt), Markup.Escape(string.Join(",", v.BakedInExtensions)));
            }

            Terminal.For(context.Out).Write(table);
            return ExitCodes.Ok;
        }));
        return image;
    }

    private static Command LoadBalancerCommand(TextWriter output, TextWriter error)
    {
        var lb = new Command("lb", "Load balancers: probe settings, offered load, in-service backends");
        var name = new Option<string>("--name", "-n") { Description = "Load balancer name", Required = true };
        var interval = new Option<int?>("--interval-in-seconds") { Description = "Probe interval (default 5)" };
        var probes = new Option<int?>("--number-of-probes") { Description = "Consecutive successes before healthy (default 2)" };
        var rps = new Option<double?>("--requests-per-second") { Description = "Offered load" };
        var capacity = new Option<double?>("--capacity-per-instance") { Description = "Requests per second one healthy instance serves" };
        lb.Subcommands.Add(Verb.Create("configure", "Set a load balancer's probe and offered load", output, error, [name, interval, probes, rps, capacity], async (context, client, cancellationToken) =>
        {
            var grain = client.GetGrain<ILoadBalancerGrain>(CheckName("--name", NameKind.LoadBalancer, context.Get(name)));
            var config = await grain.GetConfigAsync();
            config = config with
            {
                IntervalInSeconds = Check(context.Get(interval), "--interval-in-seconds", 5, 3600) ?? config.IntervalInSeconds,
                NumberOfProbes = Check(context.Get(probes), "--number-of-probes", 1, 100) ?? config.NumberOfProbes,
                RequestsPerSecond = context.Get(rps) is { } r and >= 0 ? r : context.Get(rps) is null ? config.RequestsPerSecond : throw new CliException("--requests-per-second: must be 0 or more"),
                CapacityPerInstance = context.Get(capacity) is { } c and > 0 ? c : context.Get(capacity) is null ? config.CapacityPerInstance : throw new CliException("--capacity-per-instance: must be more than 0"),
            };
            await grain.ConfigureAsync(config);
            return ExitCodes.Ok;
        }));
        var showName = new Option<string>("--name", "-n") { Description = "Load balancer name", Required = true };
        lb.Subcommands.Add(Verb.Create("show", "Show a load balancer's backends and traffic", output, error, [showName], async (context, client, cancellationToken) =>
        {
            var status = await client.GetGrain<ILoadBalancerGrain>(CheckName("--name", NameKind.LoadBalancer, context.Get(showName))).GetStatusAsync();
            var json = new JsonObject
            {
                ["name"] = status.Name,
                ["probe"] = new JsonObject { ["protocol"] = status.Config.Protocol, ["port"] = status.Config.Port, ["requestPath"] = status.Config.RequestPath, ["intervalInSeconds"] = status.Config.IntervalInSeconds, ["numberOfProbes"] = status.Config.NumberOfProbes },
                ["backends"] = status.Backends,
                ["inPool"] = status.InPool,
                ["inService"] = status.InService,
                ["targetCapacity"] = status.Traffic.TargetCapacity,
                ["inServicePercent"] = Math.Round(status.Traffic.InServicePercent, 3),
                ["requestsPerSecond"] = status.Config.RequestsPerSecond,
                ["requestsServed"] = (long)Math.Round(status.Traffic.Served),
                ["requestsDropped"] = (long)Math.Round(status.Traffic.Dropped),
                ["minInServicePercent"] = Math.Round(status.Traffic.MinInServicePercent, 3),
                ["minInService"] = status.Traffic.MinInService ?? status.InService,
            };
            if (context.Json)
            {
                await Output.JsonAsync(context, json);
            }
            else
            {
                var table = new Table().Border(TableBorder.Simple).AddColumns("Name", "Target", "Backends", "InPool", "InService", "Served", "Dropped", "MinInService", "MinInService%");
                table.AddRow(
                    Markup.Escape(status.Name), $"{status.Traffic.TargetCapacity}", $"{status.Backends}", $"{status.InPool}", $"{status.InService}",
                    Output.Text(json["requestsServed"]), Output.Text(json["requestsDropped"]), Output.Text(json["minInService"]), Output.Text(json["minInServicePercent"]));
                Terminal.For(context.Out).Write(table);
            }

            return ExitCodes.Ok;
        }));
        return lb;
    }

    /// <summary>The value of <paramref name="option"/> when it follows Azure's naming rule for <paramref name="kind"/>; a usage error naming the option and the rule otherwise.</summary>
    private static string CheckName(string option, NameKind kind, string? value) =>
        AzureNames.Problem(kind, value) is { } problem ? throw new CliException($"{option}: {problem}") : value!;

    private static int? Check(int? value, string option, int min, int max) =>
        value is null || (value >= min && value <= max) ? value : throw new CliException($"{option}: {value} is out of range: allowed {min}–{max}");

    private static Command FaultCommand(TextWriter output, TextWriter error)
    {
        var fault = new Command("fault", "Inject faults into a running simulation");
        var name = Verb.NameOption();
        var ids = Verb.InstanceIdsOption(required: true);
        var heal = new Option<bool>("--heal") { Description = "End the fault instead of starting it" };
        fault.Subcommands.Add(Verb.Create("unhealthy", "Make instances unhealthy (until reimaged or healed)", output, error, [name, ids, heal], async (context, client, cancellationToken) =>
        {
            await client.GetGrain<IScaleSetGrain>(context.Get(name)!).SetUnhealthyAsync([.. context.Get(ids)!], !context.Get(heal), cancellationToken);
            return ExitCodes.Ok;
        }));
        return fault;
    }
}
