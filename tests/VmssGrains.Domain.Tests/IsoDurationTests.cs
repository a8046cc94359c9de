using VmssGrains.Domain.Time;

namespace VmssGrains.Domain.Tests;

public class IsoDurationTests
{
    public static TheoryData<string, TimeSpan> Durations => new()
    {
        { "PT0S", TimeSpan.Zero },
        { "PT52M10S", new TimeSpan(0, 52, 10) },
        { "PT1H", TimeSpan.FromHours(1) },
        { "P1DT2H", new TimeSpan(1, 2, 0, 0) },
        { "P1D", TimeSpan.FromDays(1) },
        { "PT1H30M", TimeSpan.FromMinutes(90) },
        { "PT1.5S", TimeSpan.FromMilliseconds(1500) },
    };

    [Theory]
    [MemberData(nameof(Durations))]
    public void Format_Value_WritesAzureNotation(string text, TimeSpan value)
    {
        Assert.Equal(text, IsoDuration.Format(value));
    }

    [Theory]
    [MemberData(nameof(Durations))]
    public void Parse_AzureNotation_ReadsValue(string text, TimeSpan value)
    {
        Assert.Equal(value, IsoDuration.Parse(text));
    }

    [Theory]
    [MemberData(nameof(Durations))]
    public void FormatThenParse_RoundTrips(string text, TimeSpan value)
    {
        _ = text;
        Assert.Equal(value, IsoDuration.Parse(IsoDuration.Format(value)));
    }

    [Fact]
    public void TryParse_LowerCase_IsAccepted()
    {
        Assert.True(IsoDuration.TryParse("pt5m", out var value));
        Assert.Equal(TimeSpan.FromMinutes(5), value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("5 minutes")]
    [InlineData("5M")]
    [InlineData("PT")]
    [InlineData("PT5X")]
    [InlineData("-PT5M")]
    [InlineData("PTM")]
    public void TryParse_BadText_IsRejected(string? text)
    {
        Assert.False(IsoDuration.TryParse(text, out _));
    }

    [Fact]
    public void Parse_BadText_ThrowsNamingTheText()
    {
        var error = Assert.Throws<FormatException>(() => IsoDuration.Parse("5 minutes"));

        Assert.Equal("'5 minutes' is not an ISO 8601 duration such as PT5M", error.Message);
    }
}
