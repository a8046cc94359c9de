namespace VmssGrains.Grains.Clock;

/// <summary>Which clock the simulation runs on (docs/clock.md#the-three-clocks).</summary>
public enum ClockKind
{
    /// <summary>Time jumps to the next due event when nothing is in flight: exact, repeatable, as fast as the work allows.</summary>
    Virtual,

    /// <summary>N simulated seconds per wall second.</summary>
    Scaled,

    /// <summary>Wall time.</summary>
    Real,
}
