namespace VmssGrains.Grains.Clock;

/// <summary>A timer made by <see cref="SimulationTimers.Create"/>, with the virtual timer under it (if any).</summary>
/// <typeparam name="T">The timer's type (Orleans' <see cref="IGrainTimer"/> in a grain).</typeparam>
public readonly struct SimulationTimer<T>
{
    private readonly VirtualTimer? underlying;

    internal SimulationTimer(T timer, VirtualTimer? underlying)
    {
        Timer = timer;
        this.underlying = underlying;
    }

    /// <summary>The timer.</summary>
    public T Timer { get; }

    /// <summary>
    /// Tells the clock that a tick of this timer has begun, first thing in the tick: on the virtual clock the tick counts
    /// as work in flight until Orleans re-arms the timer after it. Does nothing on other clocks.
    /// </summary>
    public void BeginTick() => underlying?.BeginTick();
}
