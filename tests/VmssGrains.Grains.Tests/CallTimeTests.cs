using VmssGrains.Grains.Clock;

namespace VmssGrains.Grains.Tests;

/// <summary>
/// The time a grain acts at (<see cref="CallTime.Acting"/>): on a scaled or real clock the time its event was due
/// (carried with the call), never earlier than it acted before, and carried on to the calls it makes next.
/// </summary>
public sealed class CallTimeTests : IDisposable
{
    private static readonly DateTimeOffset Epoch = VirtualClock.DefaultEpoch;

    /// <summary>A scaled clock whose wall time the test sets: simulated time is Epoch + 600 × (wall − anchor).</summary>
    private readonly WallStand wall = new(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public CallTimeTests() => CallTime.Clear();

    public void Dispose() => CallTime.Clear();

    private ScaledTimeProvider Scaled() => new(600, Epoch, wall.Now, wall);

    [Fact]
    public void ScaledClock_NoCarriedTime_ActsAtTheClocksTime_AndCarriesItOn()
    {
        var clock = Scaled();
        long floor = 0;
        wall.Now += TimeSpan.FromSeconds(1);

        var at = CallTime.Acting(clock, ref floor);

        Assert.Equal((Epoch.AddMinutes(10), Epoch.AddMinutes(10)), (at, CallTime.Current));
    }

    [Fact]
    public void ScaledClock_CarriedTime_ActsAtIt_ThoughTheClockHasMovedOn()
    {
        var clock = Scaled();
        long floor = 0;
        CallTime.Set(Epoch.AddMinutes(3));
        wall.Now += TimeSpan.FromSeconds(1);

        Assert.Equal((Epoch.AddMinutes(3), Epoch.AddMinutes(10)), (CallTime.Acting(clock, ref floor), clock.GetUtcNow()));
    }

    [Fact]
    public void ScaledClock_CarriedTimeBeforeWhatTheGrainActedAt_ActsAtTheLater_AndCarriesThatOn()
    {
        var clock = Scaled();
        long floor = 0;
        CallTime.Set(Epoch.AddMinutes(5));
        _ = CallTime.Acting(clock, ref floor);

        CallTime.Set(Epoch.AddMinutes(4));
        var at = CallTime.Acting(clock, ref floor);

        Assert.Equal((Epoch.AddMinutes(5), Epoch.AddMinutes(5), Epoch.AddMinutes(5).UtcTicks), (at, CallTime.Current, floor));
    }

    [Fact]
    public void VirtualClock_IgnoresCarriedTimes()
    {
        using var clock = new VirtualClock(Epoch);
        long floor = 0;
        CallTime.Set(Epoch.AddMinutes(-5));

        Assert.Equal((Epoch, 0L), (CallTime.Acting(clock, ref floor), floor));
    }

    private sealed class WallStand(DateTimeOffset start) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = start;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
