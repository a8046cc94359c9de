using VmssGrains.Simulation.Driving;

namespace VmssGrains.Client.Tests;

/// <summary>
/// The OTLP/HTTP receiver (tests/VmssGrains.OtlpReceiver) as a child process on a free loopback port (never
/// OTLP's default 4317/4318), writing its JSON lines to a temporary file. Disposing stops it and deletes the file.
/// </summary>
public sealed class OtlpReceiverProcess : IAsyncDisposable
{
    private readonly ChildProcess process;
    private readonly string directory;
    private readonly string file;

    private OtlpReceiverProcess(ChildProcess process, int port, string directory, string file)
    {
        this.process = process;
        this.directory = directory;
        this.file = file;
        Port = port;
    }

    /// <summary>The receiver's port on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>What the receiver logged: its start and one line per request.</summary>
    public string Log => process.Output;

    /// <summary>The standard variables, and only those, that make a host export here: the endpoint and OTLP/HTTP with protobuf.</summary>
    public Dictionary<string, string> ExportVariables() => new()
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{Port}",
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
    };

    /// <summary>Starts the receiver and waits until it listens.</summary>
    public static async Task<OtlpReceiverProcess> StartAsync(CancellationToken cancellationToken)
    {
        Assert.True(File.Exists(Repo.OtlpReceiverDll), $"build tests/VmssGrains.OtlpReceiver first: {Repo.OtlpReceiverDll} is missing");
        var port = ChildProcess.FreePorts(3).First(p => p is not 4317 and not 4318);
        var directory = Directory.CreateTempSubdirectory("vmss-otlp-").FullName;
        var file = Path.Combine(directory, "received.jsonl");
        var receiver = new OtlpReceiverProcess(ChildProcess.Start(Repo.OtlpReceiverDll, ["--port", $"{port}", "--output", file]), port, directory, file);
        try
        {
            while (!receiver.Log.Contains($"listening on http://127.0.0.1:{port}/", StringComparison.Ordinal))
            {
                Assert.False(receiver.process.HasExited, $"the OTLP receiver exited:\n{receiver.Log}");
                await WallTime.DelayAsync(TimeSpan.FromMilliseconds(100), cancellationToken);
            }

            return receiver;
        }
        catch
        {
            await receiver.DisposeAsync();
            throw;
        }
    }

    /// <summary>Everything received so far (complete lines only: the receiver may be writing the next one).</summary>
    public OtlpTelemetry Read()
    {
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var text = reader.ReadToEnd();
        return OtlpTelemetry.Parse(text[..(text.LastIndexOf('\n') + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Reads until <paramref name="condition"/> holds; the caller's deadline ends the wait.</summary>
    public async Task<OtlpTelemetry> WaitUntilAsync(Func<OtlpTelemetry, bool> condition, CancellationToken cancellationToken)
    {
        for (var telemetry = Read(); ; telemetry = Read())
        {
            if (condition(telemetry))
            {
                return telemetry;
            }

            await WallTime.DelayAsync(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await process.DisposeAsync();
        Directory.Delete(directory, recursive: true);
    }
}
