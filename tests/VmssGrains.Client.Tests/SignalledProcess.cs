using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace VmssGrains.Client.Tests;

/// <summary>
/// A child <c>dotnet</c> process a test signals the way a user or a service manager does (SIGINT is Ctrl+C, SIGTERM
/// is <c>kill</c> or <c>docker stop</c>), with standard output and standard error kept apart and exact. Disposing
/// kills it and its children, so a failed test leaves nothing running.
/// </summary>
public sealed class SignalledProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly StringBuilder error = new();
    private readonly Task pumps;

    private SignalledProcess(Process process)
    {
        this.process = process;
        pumps = Task.WhenAll(PumpAsync(process.StandardOutput, output), PumpAsync(process.StandardError, error));
    }

    /// <summary>The process id.</summary>
    public int Id => process.Id;

    /// <summary>Standard output so far.</summary>
    public string Out => Read(output);

    /// <summary>Standard error so far.</summary>
    public string Err => Read(error);

    /// <summary>True once the process exited.</summary>
    public bool HasExited => process.HasExited;

    /// <summary>The exit code, once exited.</summary>
    public int ExitCode => process.ExitCode;

    /// <summary>Starts <c>dotnet {dll} {args}</c>.</summary>
    /// <remarks>
    /// Through <c>env --default-signal=INT</c>: a process started with SIGINT ignored (every background job of a
    /// non-interactive shell is, and so is every child of a test run started that way) keeps ignoring it — .NET
    /// respects an inherited SIG_IGN — and a Ctrl+C test would test nothing. <c>env</c> execs the command, so the
    /// process signalled is the console itself.
    /// </remarks>
    public static SignalledProcess Start(string dll, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("/usr/bin/env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.ArgumentList.Add("--default-signal=INT");
        info.ArgumentList.Add(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet");
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // A child exports telemetry only where its test says, never to a collector named in the developer's shell.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("OTEL_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return new SignalledProcess(Process.Start(info)!);
    }

    /// <summary>Sends <paramref name="signal"/> (<c>INT</c>, <c>TERM</c>) with <c>kill</c>.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", signal, Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        await kill.WaitForExitAsync();
        Assert.True(kill.ExitCode == 0, $"kill -s {signal} {Id} failed");
    }

    /// <summary>Waits at most <paramref name="limit"/> for the process to exit and for its output to be read to the end; false when it is still running.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            await pumps.WaitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>The TCP ports the process listens on, from Linux's <c>/proc</c>: its socket inodes matched against the TCP tables.</summary>
    public IReadOnlyList<int> ListeningPorts()
    {
        var inodes = new HashSet<string>();
        foreach (var fd in Directory.EnumerateFiles($"/proc/{Id}/fd"))
        {
            try
            {
                if (new FileInfo(fd).LinkTarget is { } target && target.StartsWith("socket:[", StringComparison.Ordinal))
                {
                    inodes.Add(target["socket:[".Length..^1]);
                }
            }
            catch (IOException)
            {
                // The descriptor closed while listed.
            }
        }

        var ports = new List<int>();
        foreach (var table in new[] { $"/proc/{Id}/net/tcp", $"/proc/{Id}/net/tcp6" })
        {
            foreach (var fields in File.ReadLines(table).Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            {
                // sl local_address rem_address st ... inode (10th field); st 0A is LISTEN; the port is hexadecimal.
                if (fields[3] == "0A" && inodes.Contains(fields[9]))
                {
                    ports.Add(int.Parse(fields[1].Split(':')[^1], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                }
            }
        }

        return ports;
    }

    /// <summary>Everything it printed, for failure messages.</summary>
    public override string ToString() => $"--- stdout\n{Out}\n--- stderr\n{Err}";

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => ChildProcess.StopAsync(process);

    private static async Task PumpAsync(StreamReader reader, StringBuilder into)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (into)
            {
                into.Append(buffer, 0, read);
            }
        }
    }

    private static string Read(StringBuilder text)
    {
        lock (text)
        {
            return text.ToString();
        }
    }
}
