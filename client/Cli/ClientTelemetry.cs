using System.Diagnostics;

namespace VmssGrains.Client.Cli;

/// <summary>The console's own spans: one per verb, the parent of everything it causes in the cluster.</summary>
public static class ClientTelemetry
{
    /// <summary>The activity source's name.</summary>
    public const string Name = "VmssGrains.Client";

    /// <summary>The activity source.</summary>
    public static readonly ActivitySource Source = new(Name);
}
