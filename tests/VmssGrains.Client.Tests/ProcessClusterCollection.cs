namespace VmssGrains.Client.Tests;

/// <summary>
/// The tests that start silo processes (or simulate's embedded silo in a child process) run one after another,
/// beside the in-process tests: on a 2-core machine several clusters of processes at once starve each other
/// past their deadlines.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ProcessClusterCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Process clusters";
}
