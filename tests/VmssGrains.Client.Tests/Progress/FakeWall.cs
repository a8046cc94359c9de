namespace VmssGrains.Client.Tests.Progress;

/// <summary>A wall clock that moves only when told: timestamps in ticks (100 ns), starting at 0.</summary>
public sealed class FakeWall : TimeProvider
{
    private long ticks;

    /// <inheritdoc/>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc/>
    public override long GetTimestamp() => Interlocked.Read(ref ticks);

    /// <summary>Moves the clock to <paramref name="elapsed"/> since it started.</summary>
    public void Set(TimeSpan elapsed) => Interlocked.Exchange(ref ticks, elapsed.Ticks);
}
