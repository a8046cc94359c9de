using System.Reflection;

namespace VmssGrains.Client.Tests;

/// <summary>Where the repository and its built hosts are, found from the test assembly's location.</summary>
public static class Repo
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VmssGrains.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no VmssGrains.sln above {AppContext.BaseDirectory}");
    });

    /// <summary>The directory holding VmssGrains.sln.</summary>
    public static string Root => RootPath.Value;

    /// <summary>An example scenario by name (without .json).</summary>
    public static string Example(string name) => Path.Combine(Root, "examples", $"{name}.json");

    /// <summary>The most instances an example may declare for the test suite to play it (the fleet benchmark plays more).</summary>
    public const int PlayedExampleInstances = 20_000;

    /// <summary>
    /// The example files the test suite plays, by name (without .json), in order: all of <c>examples/</c> but those
    /// declaring more than <see cref="PlayedExampleInstances"/> instances (<c>fleet-1000x1000</c>: a million instances is
    /// the README's and the benchmark's to run, not a unit test's).
    /// </summary>
    public static IReadOnlyList<string> PlayedExamples() =>
        [.. Directory.EnumerateFiles(Path.Combine(Root, "examples"), "*.json")
            .Where(f => DeclaredInstances(System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(f))!) <= PlayedExampleInstances)
            .Select(f => Path.GetFileNameWithoutExtension(f)!)
            .Order(StringComparer.Ordinal)];

    /// <summary>The instances a scenario declares: its scale sets' capacities, and each fleet's count times its template's.</summary>
    private static long DeclaredInstances(System.Text.Json.Nodes.JsonNode scenario)
    {
        static long Capacity(System.Text.Json.Nodes.JsonNode? scaleSet) => scaleSet?["sku"]?["capacity"]?.GetValue<long>() ?? 0;
        var single = scenario["scaleSets"]?.AsArray().Sum(Capacity) ?? 0;
        var fleets = scenario["fleets"]?.AsArray().Sum(f => (f?["count"]?.GetValue<long>() ?? 0) * Capacity(f?["scaleSet"])) ?? 0;
        return single + fleets;
    }

    /// <summary>Debug or Release: the configuration this test assembly was built in.</summary>
    public static string Configuration =>
        typeof(Repo).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>The built silo host.</summary>
    public static string SiloDll => Path.Combine(Root, "silo", "bin", Configuration, "net10.0", "VmssGrains.Silo.dll");

    /// <summary>The built console.</summary>
    public static string ClientDll => Path.Combine(Root, "client", "bin", Configuration, "net10.0", "vmss.dll");

    /// <summary>The built OTLP/HTTP receiver of the telemetry tests.</summary>
    public static string OtlpReceiverDll => Path.Combine(Root, "tests", "VmssGrains.OtlpReceiver", "bin", Configuration, "net10.0", "VmssGrains.OtlpReceiver.dll");
}
