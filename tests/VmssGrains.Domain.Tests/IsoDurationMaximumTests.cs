using VmssGrains.Domain.Model;
using VmssGrains.Domain.Time;

namespace VmssGrains.Domain.Tests;

/// <summary>Every user-given duration is at most P3650D, so the simulated calendar's date arithmetic never overflows.</summary>
public class IsoDurationMaximumTests
{
    [Theory]
    [InlineData("P3650D", 3650)]
    [InlineData("P9Y", 3285)]
    [InlineData("P60D", 60)]
    public void TryParse_UpToTheMaximum_IsAccepted(string text, int days)
    {
        Assert.True(IsoDuration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromDays(days), value);
        Assert.False(IsoDuration.IsBeyondMaximum(text));
    }

    [Theory]
    [InlineData("P3650DT1S")]
    [InlineData("P11Y")]
    [InlineData("P99999D")]
    [InlineData("P99999999D")]
    [InlineData("p99999999999999999999d")]
    public void TryParse_BeyondTheMaximum_IsRejectedAndToldApart(string text)
    {
        Assert.False(IsoDuration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.Zero, value);
        Assert.True(IsoDuration.IsBeyondMaximum(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("soon")]
    [InlineData("-P5D")]
    [InlineData("P")]
    [InlineData("P2W")]
    [InlineData("P1DT")]
    public void IsBeyondMaximum_NotADuration_IsFalse(string? text)
    {
        Assert.False(IsoDuration.IsBeyondMaximum(text));
    }

    [Fact]
    public void Parse_BeyondTheMaximum_ThrowsSayingTheMaximum()
    {
        var error = Assert.Throws<FormatException>(() => IsoDuration.Parse("P99999D"));

        Assert.Equal("'P99999D' is longer than the maximum P3650D", error.Message);
        Assert.Equal("P3650D", IsoDuration.MaximumText);
    }

    [Fact]
    public void Maximum_FromTheLatestDefaultStartOrAnyDateBefore9989_StaysOnTheCalendar()
    {
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(new DateTimeOffset(2035, 12, 30, 0, 0, 0, TimeSpan.Zero), start + IsoDuration.Maximum);
        Assert.True(DateTimeOffset.MaxValue - IsoDuration.Maximum - IsoDuration.Maximum > new DateTimeOffset(9979, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void ModelReader_PauseBeyondTheMaximum_IsInvalidParameterSayingTheMaximum()
    {
        var resource = ScaleSetModelReader.ParseObject("""
            {
              "sku": { "capacity": 2 },
              "properties": {
                "upgradePolicy": { "mode": "Rolling", "rollingUpgradePolicy": { "pauseTimeBetweenBatches": "P99999D" } },
                "virtualMachineProfile": {
                  "storageProfile": { "imageReference": { "publisher": "Canonical", "offer": "ubuntu-24_04-lts", "sku": "server", "version": "1.0.0" } },
                  "networkProfile": { "healthProbe": { "id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/loadBalancers/lb1/probes/http" } }
                }
              }
            }
            """);

        Assert.Null(ScaleSetModelReader.Read("vmss1", resource, out var errors));

        var error = Assert.Single(errors);
        Assert.Equal(("InvalidParameter", "properties.upgradePolicy.rollingUpgradePolicy.pauseTimeBetweenBatches"), (error.Code, error.Target));
        Assert.Equal("'P99999D' is longer than the maximum P3650D", error.Message);
    }
}
