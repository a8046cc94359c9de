using VmssGrains.Abstractions.Json;

namespace VmssGrains.Client.Cli;

/// <summary>How the console prints simulated times.</summary>
public static class Times
{
    /// <summary>Absolute, as Azure prints them.</summary>
    public static string Absolute(DateTimeOffset time) => AzureJson.AbsoluteTime(time);
}
