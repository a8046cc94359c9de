using VmssGrains.Silo;

// A VmssGrains silo: localhost clustering, memory storage, the simulation clock from configuration, and a
// web port (loopback) with /metrics and /dashboard. Start it again with other ports to join the cluster.
// A bad setting or a failed start is one line on standard error (exit 2 for a setting, 1 otherwise).
if (SiloArguments.Check(args) is { } badArgument)
{
    await Console.Error.WriteLineAsync($"error: {badArgument}");
    return SiloRunner.InvalidSetting;
}

var builder = WebApplication.CreateBuilder(args);
if (VmssGrains.Grains.Telemetry.TelemetryExtensions.OtlpSettingsProblem(key => builder.Configuration[key]) is { } badTelemetry)
{
    await Console.Error.WriteLineAsync($"error: {badTelemetry}");
    return SiloRunner.InvalidSetting;
}

var settings = builder.AddVmssSilo();
await using var app = builder.Build();
app.MapVmssEndpoints(settings);
return await SiloRunner.RunAsync(app, settings, Console.Error);
