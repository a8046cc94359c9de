using System.Globalization;
using VmssGrains.Domain.Rolling;

namespace VmssGrains.Client.Rendering;

/// <summary>
/// The scale sets' newest rolling upgrades, read again and again, as fleet counters and a short summary. The instances
/// ended (succeeded or failed) only grow: when a scale set's newest run is a new one, what its previous run had ended when
/// last read stays counted. Not thread-safe: one display reads it.
/// </summary>
public sealed class FleetRuns
{
    /// <summary>How many of the slowest runs under way the summary names.</summary>
    public const int Slowest = 3;

    private readonly Dictionary<string, (string RunId, long Ended)> seen = new(StringComparer.Ordinal);
    private IReadOnlyList<ScaleSetRun> latest = [];
    private long earlier;

    /// <summary>Instances the runs read so far ended (succeeded or failed).</summary>
    public long Ended => earlier + seen.Values.Sum(s => s.Ended);

    /// <summary>Instances of the newest runs in progress.</summary>
    public long UnderWay => latest.Sum(s => s.Run is { IsEnded: false } run ? (long)run.InFlight.Count : 0);

    /// <summary>Takes a new read of every scale set.</summary>
    public void Observe(IReadOnlyList<ScaleSetRun> scaleSets)
    {
        foreach (var scaleSet in scaleSets)
        {
            if (scaleSet.Run is not { } run)
            {
                continue;
            }

            var ended = (long)run.Succeeded.Count + run.Failed.Count;
            if (seen.TryGetValue(scaleSet.Name, out var before) && before.RunId != run.RunId)
            {
                earlier += before.Ended;
            }

            seen[scaleSet.Name] = (run.RunId, ended);
        }

        latest = scaleSets;
    }

    /// <summary>
    /// The summary under the fleet line: <c>  1,000 scale sets · rolling upgrades: 12 under way, 30 completed, 1 faulted,
    /// 0 cancelled, 957 none yet</c>, and when runs are under way, the slowest few by share of instances done, e.g.
    /// <c>  slowest: api-17 12 % (120 of 1,000), api-3 15 % (150 of 1,000)</c> (ties by name).
    /// </summary>
    public IReadOnlyList<string> Summary()
    {
        int Count(RunStatusCode code) => latest.Count(s => s.Run?.Code == code);
        var lines = new List<string>
        {
            string.Create(
                CultureInfo.InvariantCulture,
                $"  {latest.Count:N0} scale set{(latest.Count == 1 ? "" : "s")} · rolling upgrades: {Count(RunStatusCode.RollingForward):N0} under way, {Count(RunStatusCode.Completed):N0} completed, {Count(RunStatusCode.Faulted):N0} faulted, {Count(RunStatusCode.Cancelled):N0} cancelled, {latest.Count(s => s.Run is null):N0} none yet"),
        };
        var slowest = latest
            .Where(s => s.Run is { IsEnded: false })
            .Select(s => (s.Name, Done: (long)s.Run!.Succeeded.Count + s.Run.Failed.Count, All: (long)s.Run.Succeeded.Count + s.Run.Failed.Count + s.Run.InFlight.Count + s.Run.Pending.Count))
            .OrderBy(s => s.All == 0 ? 1 : (double)s.Done / s.All)
            .ThenBy(s => s.Name, StringComparer.Ordinal)
            .Take(Slowest)
            .Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Name} {(s.All == 0 ? 100 : s.Done * 100 / s.All)} % ({s.Done:N0} of {s.All:N0})"))
            .ToList();
        if (slowest.Count > 0)
        {
            lines.Add($"  slowest: {string.Join(", ", slowest)}");
        }

        return lines;
    }
}
