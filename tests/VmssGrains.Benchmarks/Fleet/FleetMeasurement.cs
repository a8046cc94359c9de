namespace VmssGrains.Benchmarks.Fleet;

/// <summary>What one run of one engine measured (wall seconds; bytes; simulated seconds where named).</summary>
internal sealed record FleetMeasurement
{
    /// <summary>The engine measured.</summary>
    public required FleetEngine Engine { get; init; }

    /// <summary>Instances in the fleet.</summary>
    public required long Instances { get; init; }

    /// <summary>Wall seconds from the start until the fleet was set up and simulated time had reached the first action.</summary>
    public required double CreateSeconds { get; init; }

    /// <summary>Wall seconds from the first action until every run had ended.</summary>
    public required double UpgradeSeconds { get; init; }

    /// <summary>CPU seconds the process used during the upgrade phase (at most the cores times <see cref="UpgradeSeconds"/>).</summary>
    public required double UpgradeCpuSeconds { get; init; }

    /// <summary>Wall seconds the report took.</summary>
    public required double ReportSeconds { get; init; }

    /// <summary>Simulated seconds from the start until every run had ended.</summary>
    public required double SimulatedSeconds { get; init; }

    /// <summary>Managed heap before set-up (the engine ready, no fleet), after a full collection.</summary>
    public required long HeapBeforeBytes { get; init; }

    /// <summary>Managed heap after creation (<c>GC.GetTotalMemory(true)</c>).</summary>
    public required long HeapAfterCreateBytes { get; init; }

    /// <summary>
    /// Managed heap once every run has ended (<c>GC.GetTotalMemory(true)</c>): on the Orleans engine every instance upgraded
    /// is built by then, while after creation an instance that waits for its first call is not (docs/machines.md).
    /// </summary>
    public required long HeapAfterUpgradeBytes { get; init; }

    /// <summary>The process's peak resident set size over the whole run, report included.</summary>
    public required long PeakRssBytes { get; init; }

    /// <summary>Grain calls invoked during the upgrade phase (null for the reference engine, which has no grain calls).</summary>
    public long? UpgradeGrainCalls { get; init; }

    /// <summary>Instances upgraded exactly once, as the scale sets' runs show.</summary>
    public required long UpgradedOnce { get; init; }

    /// <summary>What the check found wrong (empty when every instance was upgraded exactly once).</summary>
    public IReadOnlyList<string> Problems { get; init; } = [];

    /// <summary>Instance-upgrades per wall second of the upgrade phase.</summary>
    public double UpgradesPerSecond => UpgradedOnce / UpgradeSeconds;

    /// <summary>Grain calls per wall second of the upgrade phase.</summary>
    public double? GrainCallsPerSecond => UpgradeGrainCalls / UpgradeSeconds;

    /// <summary>Start to report, in wall seconds.</summary>
    public double TotalSeconds => CreateSeconds + UpgradeSeconds + ReportSeconds;
}
