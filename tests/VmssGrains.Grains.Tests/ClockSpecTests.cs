using VmssGrains.Grains.Clock;

namespace VmssGrains.Grains.Tests;

/// <summary>The clock choice of <c>simulate --clock</c> and the silo's <c>Simulation:Clock</c>: a documented range of scales and a drift warning.</summary>
public sealed class ClockSpecTests
{
    [Theory]
    [InlineData("virtual", ClockKind.Virtual, 1)]
    [InlineData(" Real ", ClockKind.Real, 1)]
    [InlineData("scaled:0.01", ClockKind.Scaled, 0.01)]
    [InlineData("scaled:60", ClockKind.Scaled, 60)]
    [InlineData("scaled:1e3", ClockKind.Scaled, 1000)]
    public void TryParse_WithinTheRange_IsTheClock(string text, ClockKind kind, double scale)
    {
        Assert.True(ClockSpec.TryParse(text, out var spec, out var error));
        Assert.Null(error);
        Assert.Equal(new ClockSpec(kind, scale), spec);
    }

    [Theory]
    [InlineData("scaled:1e6")]
    [InlineData("scaled:0.0099")]
    [InlineData("scaled:-1")]
    [InlineData("scaled:1e400")]
    public void TryParse_OutsideTheRange_SaysTheRange(string text)
    {
        Assert.False(ClockSpec.TryParse(text, out var spec, out var error));
        Assert.Equal(ClockSpec.Virtual, spec);
        Assert.Equal($"{text} is out of range: N must be from 0.01 to 1000 simulated seconds per wall second", error);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("warp:9")]
    [InlineData("scaled:NaN")]
    public void TryParse_NotAClock_ListsTheClocks(string? text)
    {
        Assert.False(ClockSpec.TryParse(text, out _, out var error));
        Assert.Equal($"'{text}' is not a clock; use virtual, scaled:N (N from 0.01 to 1000 simulated seconds per wall second) or real", error);
    }

    [Theory]
    [InlineData("virtual")]
    [InlineData("real")]
    [InlineData("scaled:100")]
    public void DriftWarning_UpToScaled100_IsNone(string text)
    {
        Assert.True(ClockSpec.TryParse(text, out var spec));
        Assert.Null(spec.DriftWarning);
    }

    [Fact]
    public void DriftWarning_AboveScaled100_SaysWhichFiguresMayComeOutOtherwise()
    {
        Assert.True(ClockSpec.TryParse("scaled:250", out var spec));
        Assert.Equal(
            "scaled:250 is faster than scaled:100: a silo that falls behind handles events in the order it gets to them, so the load balancers' capacity and traffic figures, and a little the times, can differ from the virtual clock's (10,000 instances at scaled:1000 on 2 cores: 70–87 % minimum in service against 66 %, the same end time); use virtual for exact figures",
            spec.DriftWarning);
    }
}
