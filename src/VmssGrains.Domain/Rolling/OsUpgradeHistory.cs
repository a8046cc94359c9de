namespace VmssGrains.Domain.Rolling;

/// <summary>
/// The OS upgrade history (<c>osUpgradeHistory</c>) of a scale set: its OS image upgrades, user-started
/// (<c>osRollingUpgrade</c>) and platform-started (automatic OS image upgrades), newest first, the last
/// <see cref="Length"/> of them as Azure keeps them.
/// </summary>
public static class OsUpgradeHistory
{
    /// <summary>How many OS upgrades the history keeps.</summary>
    public const int Length = 5;

    /// <summary>The history from every run of the scale set, given oldest first.</summary>
    public static IReadOnlyList<RunState> Of(IEnumerable<RunState> runsOldestFirst) =>
        [.. runsOldestFirst.Where(r => r.Kind == RunKind.OSUpgrade).Reverse().Take(Length)];
}
