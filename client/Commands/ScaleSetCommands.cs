using System.CommandLine;

namespace VmssGrains.Client.Commands;

/// <summary>The az-like verbs over a running cluster.</summary>
public static class ScaleSetCommands
{
    /// <summary>Builds the verbs.</summary>
    public static IEnumerable<Command> Create(TextWriter output, TextWriter error)
    {
        _ = output;
        _ = error;
        return [];
    }
}
