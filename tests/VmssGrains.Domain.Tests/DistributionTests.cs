using VmssGrains.Domain.Randomness;
using VmssGrains.Domain.Time;

namespace VmssGrains.Domain.Tests;

public class DistributionTests
{
    [Fact]
    public void Draw_Fixed_ReturnsMeanAndLeavesStreamUnchanged()
    {
        var stream = SeededRandom.For(1, "x");

        var next = Distribution.Fixed(TimeSpan.FromSeconds(42)).Draw(stream, out var duration);

        Assert.Equal(TimeSpan.FromSeconds(42), duration);
        Assert.Equal(stream, next);
    }

    [Fact]
    public void Draw_FixedWithFraction_RoundsToWholeSecondAwayFromZero()
    {
        Distribution.Fixed(TimeSpan.FromMilliseconds(1500)).Draw(SeededRandom.For(1), out var duration);

        Assert.Equal(TimeSpan.FromSeconds(2), duration);
    }

    [Fact]
    public void Draw_WithJitter_AdvancesStream()
    {
        var stream = SeededRandom.For(1, "x");

        var next = new Distribution(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(15)).Draw(stream, out _);

        Assert.NotEqual(stream, next);
    }

    [Fact]
    public void Draw_WithJitter_StaysWholeSecondsWithinMeanPlusMinusJitter()
    {
        var distribution = new Distribution(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(15));
        var stream = SeededRandom.For(7, "distribution");
        var seen = new HashSet<TimeSpan>();
        for (var i = 0; i < 2000; i++)
        {
            stream = distribution.Draw(stream, out var duration);
            Assert.InRange(duration, TimeSpan.FromSeconds(45), TimeSpan.FromSeconds(75));
            Assert.Equal(0, duration.Ticks % TimeSpan.TicksPerSecond);
            seen.Add(duration);
        }

        // Uniform over 31 whole seconds: 2000 draws reach both ends.
        Assert.Contains(TimeSpan.FromSeconds(45), seen);
        Assert.Contains(TimeSpan.FromSeconds(75), seen);
    }

    [Fact]
    public void Draw_JitterLargerThanMean_NeverNegative()
    {
        var distribution = new Distribution(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10));
        var stream = SeededRandom.For(3);
        for (var i = 0; i < 500; i++)
        {
            stream = distribution.Draw(stream, out var duration);
            Assert.True(duration >= TimeSpan.Zero, $"negative duration {duration}");
        }
    }

    [Fact]
    public void ToString_WithJitter_UsesIsoNotation()
    {
        Assert.Equal("PT1M±PT15S", new Distribution(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(15)).ToString());
    }
}
