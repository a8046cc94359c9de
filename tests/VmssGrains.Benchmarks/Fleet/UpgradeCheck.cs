using System.Globalization;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Domain.Rolling;

namespace VmssGrains.Benchmarks.Fleet;

/// <summary>
/// Checks that a fleet's rolling upgrade upgraded every instance exactly once, from each scale set's runs: exactly one
/// run, Completed, its progress <c>successful</c> = the set's instances with none failed, in progress or pending, its
/// batches naming each instance once, and every instance on the new model.
/// </summary>
internal static class UpgradeCheck
{
    /// <summary>The instances upgraded once, and the problems found (at most a few, each naming its scale set).</summary>
    public static async Task<(long Upgraded, IReadOnlyList<string> Problems)> RunAsync(IGrainFactory grains, int sets, int instancesPerSet)
    {
        var upgraded = 0L;
        var problems = new List<string>();
        for (var i = 0; i < sets; i++)
        {
            var name = FleetScenario.ScaleSet(i);
            var snapshot = await grains.GetGrain<IScaleSetGrain>(name).GetSnapshotAsync();
            var problem = Problem(snapshot.Runs.Select(r => r.Run).ToList(), snapshot.Instances.Count(s => s.ModelVersion == snapshot.ModelVersion), snapshot.Instances.Length, instancesPerSet);
            if (problem is null)
            {
                upgraded += instancesPerSet;
            }
            else if (problems.Count < 5)
            {
                problems.Add($"{name}: {problem}");
            }
        }

        return (upgraded, problems);
    }

    private static string? Problem(List<RunState> runs, int onLatestModel, int instances, int expected)
    {
        if (runs.Count != 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{runs.Count} runs, expected 1");
        }

        var run = runs[0];
        var (successful, failed, inProgress, pending) = run.Progress;
        var batched = run.Batches.SelectMany(b => b.InstanceIds).ToList();
        return (run.Code, successful, failed, inProgress, pending, batched.Count, batched.Distinct().Count(), instances, onLatestModel) switch
        {
            (RunStatusCode.Completed, var s, 0, 0, 0, var b, var d, var n, var m) when s == expected && b == expected && d == expected && n == expected && m == expected => null,
            _ => string.Create(CultureInfo.InvariantCulture, $"run {run.Code}: {successful} successful, {failed} failed, {inProgress} in progress, {pending} pending; batches name {batched.Count} instances ({batched.Distinct().Count()} distinct); {onLatestModel} of {instances} instances on the latest model; expected {expected}"),
        };
    }
}
