using VmssGrains.Grains.Telemetry;

namespace VmssGrains.Client.Tests;

/// <summary>Bad OTLP settings are refused in one line naming the variable, instead of being ignored by the exporter.</summary>
public sealed class OtlpSettingsTests
{
    [Theory]
    [InlineData("not-a-url", null, "OTEL_EXPORTER_OTLP_ENDPOINT: 'not-a-url' is not an absolute http or https URL (for example http://localhost:4318)")]
    [InlineData("ftp://collector:21", null, "OTEL_EXPORTER_OTLP_ENDPOINT: 'ftp://collector:21' is not an absolute http or https URL (for example http://localhost:4318)")]
    [InlineData("http://127.0.0.1:4318", "bogus", "OTEL_EXPORTER_OTLP_PROTOCOL: 'bogus' is not an OTLP protocol; use grpc or http/protobuf")]
    [InlineData("http://127.0.0.1:4318", "http/protobuf", null)]
    [InlineData("https://collector.example:4317", "grpc", null)]
    [InlineData(null, null, null)]
    public void OtlpSettingsProblem_NamesTheVariable(string? endpoint, string? protocol, string? expected)
    {
        var settings = new Dictionary<string, string?> { [TelemetryExtensions.EndpointVariable] = endpoint, [TelemetryExtensions.ProtocolVariable] = protocol };

        Assert.Equal(expected, TelemetryExtensions.OtlpSettingsProblem(key => settings.GetValueOrDefault(key)));
    }

    [Fact]
    public async Task Simulate_AnEndpointThatIsNotAUrl_IsUsageErrorNamingTheVariable()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var result = await ChildProcess.RunAsync(Repo.ClientDll, ["simulate"], deadline.Token, new Dictionary<string, string> { [TelemetryExtensions.EndpointVariable] = "not-a-url" });

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: OTEL_EXPORTER_OTLP_ENDPOINT: 'not-a-url' is not an absolute http or https URL (for example http://localhost:4318)\n", result.Err);
        Assert.Equal("", result.Out);
    }
}
