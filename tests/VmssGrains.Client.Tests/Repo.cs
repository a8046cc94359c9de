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
