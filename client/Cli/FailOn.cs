using System.Globalization;
using System.Text.Json.Nodes;

namespace VmssGrains.Client.Cli;

/// <summary>
/// <c>simulate --fail-on faulted|cancelled|failed-instances</c>: which runs of the report make the command exit 3
/// (<see cref="ExitCodes.RunFailed"/>). Read from the report JSON: <c>scaleSets[].runs[]</c> with
/// <c>runningStatus.code</c> and <c>progress.failedInstanceCount</c>.
/// </summary>
public static class FailOn
{
    /// <summary>A run whose <c>runningStatus.code</c> is Faulted.</summary>
    public const string Faulted = "faulted";

    /// <summary>A run whose <c>runningStatus.code</c> is Cancelled.</summary>
    public const string Cancelled = "cancelled";

    /// <summary>
    /// A run whose <c>progress.failedInstanceCount</c> is more than 0, or an instance left with provisioning state
    /// Failed by work that is not a run (a scale-out whose new instances failed to provision).
    /// </summary>
    public const string FailedInstances = "failed-instances";

    /// <summary>Every condition, in the order <c>--help</c> lists them.</summary>
    public static readonly IReadOnlyList<string> Conditions = [Faulted, Cancelled, FailedInstances];

    /// <summary>
    /// The conditions of the option's values, each a condition or a comma list of them (the option may also be
    /// repeated), case-insensitive, in the order given, without repeats; <paramref name="bad"/> is the first value
    /// that is not a condition.
    /// </summary>
    public static bool TryParse(IEnumerable<string> values, out List<string> conditions, out string? bad)
    {
        conditions = [];
        bad = null;
        foreach (var piece in values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries)))
        {
            var condition = Conditions.FirstOrDefault(c => string.Equals(c, piece, StringComparison.OrdinalIgnoreCase));
            if (condition is null)
            {
                bad = piece;
                return false;
            }

            if (!conditions.Contains(condition))
            {
                conditions.Add(condition);
            }
        }

        return true;
    }

    /// <summary>
    /// The stderr line for the first run of the report (scale sets in report order, runs oldest first) that matches a
    /// condition, naming the condition, the scale set, the run's kind, start, code and failed instances; null when none matches.
    /// </summary>
    public static string? FirstMatch(JsonObject report, IReadOnlyList<string> conditions)
    {
        foreach (var scaleSet in report["scaleSets"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            foreach (var run in scaleSet["runs"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                var code = run["runningStatus"]?["code"]?.GetValue<string>();
                var failed = run["progress"]?["failedInstanceCount"]?.GetValue<int>() ?? 0;
                var matched = conditions.FirstOrDefault(c => c switch
                {
                    Faulted => code == "Faulted",
                    Cancelled => code == "Cancelled",
                    FailedInstances => failed > 0,
                    _ => false,
                });
                if (matched is not null)
                {
                    var outcome = code == "RollingForward" ? "was still RollingForward when the scenario ended" : $"ended {code}";
                    return string.Create(
                        CultureInfo.InvariantCulture,
                        $"error: --fail-on {matched}: scale set '{scaleSet["name"]?.GetValue<string>()}': {run["kind"]?.GetValue<string>()} run started at {run["runningStatus"]?["startTime"]?.GetValue<string>()} {outcome}, {failed} failed instance(s)");
                }
            }

            if (conditions.Contains(FailedInstances) && ProvisioningFailed(scaleSet) is { } instances)
            {
                return $"error: --fail-on {FailedInstances}: scale set '{scaleSet["name"]?.GetValue<string>()}': {instances} ended with provisioning state Failed";
            }
        }

        return null;
    }

    /// <summary>
    /// The instances of a scale set of the report whose provisioning state is Failed: <c>instance(s) 4, 5</c> from
    /// <c>instances[]</c> (every listing but <c>none</c> lists them), else <c>3 instance(s)</c> from the
    /// <c>instancesSummary</c>'s <c>ProvisioningState/failed</c> count; null when there are none.
    /// </summary>
    private static string? ProvisioningFailed(JsonObject scaleSet)
    {
        var listed = scaleSet["instances"]?.AsArray().OfType<JsonObject>().Where(i => i["provisioningState"]?.GetValue<string>() == "Failed").Select(i => i["instanceId"]?.GetValue<string>()).ToList() ?? [];
        if (listed.Count > 0)
        {
            return $"instance(s) {string.Join(", ", listed)}";
        }

        var count = scaleSet["instancesSummary"]?["statusesSummary"]?.AsArray().OfType<JsonObject>()
            .Where(s => s["code"]?.GetValue<string>() == "ProvisioningState/failed").Sum(s => s["count"]?.GetValue<int>() ?? 0) ?? 0;
        return count > 0 ? string.Create(CultureInfo.InvariantCulture, $"{count} instance(s)") : null;
    }
}
