namespace VmssGrains.Benchmarks.Fleet;

/// <summary>Which engine a fleet benchmark run measures.</summary>
internal enum FleetEngine
{
    /// <summary>The grains on an in-process Orleans cluster.</summary>
    Orleans,

    /// <summary>The single-threaded reference engine (the same machines, no Orleans).</summary>
    Reference,

    /// <summary>Both, each run in a process of its own.</summary>
    Both,
}
