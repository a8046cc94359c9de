using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace VmssGrains.Client.Rendering;

/// <summary>
/// The report of <c>simulate</c> for people: per scale set its instances in numbers (and its failed instances, at most
/// a screenful), its runs and batches and repairs; then the load.
/// </summary>
public static class ReportRenderer
{
    /// <summary>Writes the summary.</summary>
    public static void Write(IAnsiConsole console, JsonObject report, string scenarioName, string clock, TimeSpan wall)
    {
        console.MarkupLine($"[bold]Scenario[/] {E(scenarioName)} · seed {T(report["seed"])} · clock {E(clock)}");
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"Simulated [bold]{T(report["simulatedDuration"])}[/] from {T(report["startTime"])} in {wall.TotalSeconds:0.0} s of wall time"));
        foreach (var scaleSet in report["scaleSets"]!.AsArray().OfType<JsonObject>())
        {
            WriteScaleSet(console, scaleSet);
        }

        var load = report["load"]!.AsObject();
        console.WriteLine();
        console.MarkupLine(string.Create(
            CultureInfo.InvariantCulture,
            $"[bold]Load[/]: min in service {T(load["minInServicePercent"])} % of target ({T(load["minInService"])} instances) · availability {T(load["availabilityPercent"])} % · served {(long)load["requestsServed"]!:N0} · dropped {(long)load["requestsDropped"]!:N0}"));
        var perBalancer = load["loadBalancers"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
        if (perBalancer.Count > 1)
        {
            foreach (var lb in perBalancer)
            {
                console.MarkupLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"  {T(lb["name"])}: min in service {T(lb["minInServicePercent"])} % of target ({T(lb["minInService"])} instances) · availability {T(lb["availabilityPercent"])} % · served {(long)lb["requestsServed"]!:N0} · dropped {(long)lb["requestsDropped"]!:N0}"));
            }
        }

        // A traffic gate's halt (docs/report.md#actions): what it measured and against which threshold.
        foreach (var gate in report["actions"]!.AsArray().OfType<JsonObject>().Where(a => a["message"] is not null && T(a["status"]) is not ("Failed" or "Skipped")))
        {
            console.MarkupLine($"[yellow]Traffic gate at {T(gate["at"])} halted {T(gate["scaleSet"])}[/]: {T(gate["message"])}");
        }

        foreach (var action in report["actions"]!.AsArray().OfType<JsonObject>().Where(a => T(a["status"]) is "Failed" or "Skipped"))
        {
            // A skipped action is a gated one its promotion gate held back: the scale set it would have changed is named.
            var skipped = T(action["status"]) == "Skipped";
            console.MarkupLine(skipped
                ? $"[yellow]Action {T(action["action"])} on {T(action["scaleSet"])} skipped[/] at {T(action["at"])}: {T(action["error"]?["message"])}"
                : $"[yellow]Action {T(action["action"])} at {T(action["at"])} failed[/]: {T(action["error"]?["message"])}");
        }
    }

    private static void WriteScaleSet(IAnsiConsole console, JsonObject scaleSet)
    {
        console.WriteLine();
        var summary = scaleSet["instancesSummary"]!;
        var statuses = summary["statusesSummary"]!.AsArray().OfType<JsonObject>().Select(s => (Code: T(s["code"]), Count: (int)s["count"]!)).ToList();
        var healthy = statuses.Where(s => s.Code == "HealthState/healthy").Sum(s => s.Count);
        console.MarkupLine($"[bold]Scale set {T(scaleSet["name"])}[/] ({T(scaleSet["upgradeMode"])}, model version {T(scaleSet["modelVersion"])}): {T(summary["instanceCount"])} instances, {T(summary["latestModelAppliedCount"])} on the latest model, {healthy} healthy");
        if (statuses.Any(s => s.Code is not ("ProvisioningState/succeeded" or "HealthState/healthy")))
        {
            console.MarkupLine($"  Statuses: {E(string.Join(", ", statuses.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Code} {s.Count}"))))}");
        }

        WriteFailed(console, scaleSet, summary);
        foreach (var run in scaleSet["runs"]!.AsArray().OfType<JsonObject>())
        {
            var status = run["runningStatus"]!;
            var progress = run["progress"]!;
            var code = T(status["code"]);
            var colour = code switch { "Completed" => "green", "Faulted" => "red", "Cancelled" => "yellow", _ => "blue" };
            console.MarkupLine(
                $"  {T(run["kind"])} run started by {T(run["startedBy"])} at {T(status["startTime"])}: [{colour}]{code}[/] at {T(status["endTime"], "—")} · "
                + $"{T(progress["successfulInstanceCount"])} succeeded, {T(progress["failedInstanceCount"])} failed, {T(progress["pendingInstanceCount"])} pending"
                + RolledBack(run["rollbackInfo"]));
            if (run["error"] is JsonObject error)
            {
                console.MarkupLine($"    [red]{T(error["code"])}[/]: {T(error["message"])}");
            }

            var batches = run["batches"]!.AsArray().OfType<JsonObject>().ToList();
            if (batches.Count == 0)
            {
                continue;
            }

            var table = new Table().Border(TableBorder.Simple).AddColumns("Batch", "Zone", "Instances", "Start", "End");
            foreach (var batch in batches.Take(20))
            {
                var ids = batch["instanceIds"]!.AsArray().Select(i => (string)i!).ToList();
                table.AddRow(T(batch["index"]), T(batch["zone"], "—"), E(ids.Count <= 8 ? string.Join(",", ids) : $"{ids[0]}…{ids[^1]} ({ids.Count})"), T(batch["startTime"]), T(batch["endTime"], "—"));
            }

            if (batches.Count > 20)
            {
                table.AddRow("…", "", $"{batches.Count - 20} more batches", "", "");
            }

            console.Write(table);
        }

        foreach (var repair in scaleSet["repairs"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            var replacement = repair["replacementInstanceId"] is { } id ? $" by instance {T(id)}" : "";
            var status = T(repair["status"]);
            var colour = status switch { "Succeeded" => "green", "Failed" => "red", _ => "blue" };
            var ended = repair["endTime"] is { } end ? $" at {T(end)}" : "";
            var error = repair["error"] is JsonObject e ? $": {T(e["code"])}" : "";
            console.MarkupLine($"  Repair ({T(repair["repairAction"])}{replacement}) of instance {T(repair["instanceId"])} at {T(repair["startTime"])}: [{colour}]{status}[/]{ended}{error}");
        }
    }

    /// <summary>
    /// The failed instances: one row each for those the report lists (<c>instancesListed</c>), else their ids; at most
    /// <see cref="ListedAtMost"/> either way, never a row per instance of a fleet.
    /// </summary>
    private static void WriteFailed(IAnsiConsole console, JsonObject scaleSet, JsonNode summary)
    {
        var ids = summary["failedInstanceIds"]!.AsArray().Select(i => (string)i!).ToList();
        if (ids.Count == 0)
        {
            return;
        }

        var failed = ids.ToHashSet(StringComparer.Ordinal);
        var listed = scaleSet["instances"]!.AsArray().OfType<JsonObject>().Where(i => failed.Contains(T(i["instanceId"]))).ToList();
        if (listed.Count == 0)
        {
            var more = ids.Count > ListedAtMost ? string.Create(CultureInfo.InvariantCulture, $" … and {ids.Count - ListedAtMost:N0} more") : "";
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"  [red]{ids.Count:N0} failed instance(s)[/]: {E(string.Join(", ", ids.Take(ListedAtMost)))}{more}"));
            return;
        }

        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"  [red]{ids.Count:N0} failed instance(s)[/]"));
        var table = new Table().Border(TableBorder.Simple).AddColumns("Instance", "Zone", "Image", "Health", "Provisioning", "Last error");
        foreach (var instance in listed.Take(ListedAtMost))
        {
            table.AddRow(T(instance["instanceId"]), T(instance["zone"], "—"), T(instance["imageVersion"]), T(instance["health"]), T(instance["provisioningState"]), T(instance["lastError"], "—"));
        }

        if (listed.Count > ListedAtMost)
        {
            table.AddRow("…", "", "", "", "", string.Create(CultureInfo.InvariantCulture, $"{listed.Count - ListedAtMost:N0} more in the JSON report"));
        }

        console.Write(table);
    }

    /// <summary>The most failed instance ids, and rows, the summary prints per scale set.</summary>
    private const int ListedAtMost = 20;

    private static string RolledBack(JsonNode? rollback)
    {
        var succeeded = rollback?["successfullyRolledbackInstanceCount"]?.GetValue<int>() ?? 0;
        var failed = rollback?["failedRolledbackInstanceCount"]?.GetValue<int>() ?? 0;
        return succeeded + failed == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $", {succeeded} rolled back{(failed > 0 ? $", {failed} rollback(s) failed" : "")}");
    }

    /// <summary>A JSON value as escaped markup text.</summary>
    private static string T(JsonNode? node, string whenNull = "") => E(node is null ? whenNull : node is JsonValue v && v.TryGetValue(out string? s) ? s : node.ToJsonString());

    private static string E(string text) => Markup.Escape(text);
}
