using System.Globalization;
using System.Runtime.InteropServices;
using VmssGrains.OtlpReceiver;

// otlp-receiver --port N [--output FILE]: an OTLP/HTTP (protobuf) receiver on 127.0.0.1:N writing one JSON line per
// metric, span and log record to FILE (created or truncated) or standard output. Ctrl+C or SIGTERM stops it.
string? portText = null;
string? outputPath = null;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--port" when i + 1 < args.Length: portText = args[++i]; break;
        case "--output" when i + 1 < args.Length: outputPath = args[++i]; break;
        default:
            await Console.Error.WriteLineAsync($"error: unknown argument '{args[i]}'; usage: --port N [--output FILE]");
            return 2;
    }
}

if (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
{
    await Console.Error.WriteLineAsync($"error: --port: '{portText}' is not a port (1–65535)");
    return 2;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});

await using var output = outputPath is null ? Console.Out : new StreamWriter(new FileStream(outputPath, FileMode.Create, FileAccess.Write, FileShare.ReadWrite));
await new Receiver(output, Console.Error).RunAsync(port, stop.Token);
return 0;
