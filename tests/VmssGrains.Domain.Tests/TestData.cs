using System.Globalization;
using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.Tests;

/// <summary>Builders shared by the domain tests: instance summaries, fleets and the Azure fixtures.</summary>
internal static class TestData
{
    public const string ScaleSet = "vmss1";

    /// <summary>The instance profile the instance tests' states and orders refer to.</summary>
    public static readonly Instances.InstanceProfileKey ProfileKey = new(ScaleSet, 1, 1);

    public static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static readonly ImageReference OldImage = ImageReference.Platform("Canonical", "ubuntu-24_04-lts", "server", "1.0.0");

    public static readonly ImageReference NewImage = ImageReference.Platform("Canonical", "ubuntu-24_04-lts", "server", "2.0.0");

    public static string Id(int i) => i.ToString(CultureInfo.InvariantCulture);

    public static string[] Ids(params int[] ids) => [.. ids.Select(Id)];

    public static string[] Range(int start, int count) => [.. Enumerable.Range(start, count).Select(Id)];

    public static InstanceSummary Instance(string id, string? zone = null, HealthState health = HealthState.Healthy) =>
        new() { InstanceId = id, Zone = zone, Image = OldImage, Health = health };

    /// <summary>Instances "0".."n-1", regional and healthy except <paramref name="unhealthy"/>.</summary>
    public static List<InstanceSummary> Regional(int n, params int[] unhealthy) =>
        [.. Enumerable.Range(0, n).Select(i => Instance(Id(i), null, unhealthy.Contains(i) ? HealthState.Unhealthy : HealthState.Healthy))];

    public static Dictionary<string, InstanceSummary> ById(IEnumerable<InstanceSummary> instances) =>
        instances.ToDictionary(i => i.InstanceId, StringComparer.Ordinal);

    /// <summary>
    /// The directory that holds the Azure fixtures: the workplace's <c>shared/azure</c> when it sits beside the
    /// repository (as in CI), else the copy under <c>tests/fixtures/azure</c> (a clone on its own).
    /// </summary>
    public static string AzureDirectory()
    {
        string? copy = null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            foreach (var candidate in new[] { Path.Combine(dir.FullName, "shared", "azure"), Path.Combine(dir.FullName, "..", "shared", "azure") })
            {
                if (Directory.Exists(candidate))
                {
                    return Path.GetFullPath(candidate);
                }
            }

            var inRepo = Path.Combine(dir.FullName, "tests", "fixtures", "azure");
            if (copy is null && Directory.Exists(inRepo))
            {
                copy = inRepo;
            }
        }

        return copy ?? throw new DirectoryNotFoundException($"no shared/azure or tests/fixtures/azure directory above {AppContext.BaseDirectory}");
    }

    public static string AzureFile(string relativePath) =>
        File.ReadAllText(Path.Combine(AzureDirectory(), relativePath));
}
