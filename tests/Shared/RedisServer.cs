using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using VmssGrains.Simulation.Driving;

namespace VmssGrains.Tests.Shared;

/// <summary>
/// A real <c>redis-server</c> (Debian's package) started by a test on a free loopback port, with no persistence to
/// disk, and killed with its test. Tests that need one skip when the package is missing, unless
/// <c>VMSS_REQUIRE_REDIS=1</c> (set by <c>.ci/run</c>, which installs it) makes that a failure.
/// </summary>
internal sealed class RedisServer : IAsyncDisposable
{
    private readonly Process process;

    private RedisServer(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary>The StackExchange.Redis connection string: <c>127.0.0.1:port</c>.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <summary>The server's executable, or null when it is not installed.</summary>
    public static string? Executable =>
        new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists);

    /// <summary>Whether a missing server fails the test instead of skipping it.</summary>
    public static bool Required => Environment.GetEnvironmentVariable("VMSS_REQUIRE_REDIS") == "1";

    /// <summary>Why a test that needs Redis cannot run here, or null when it can.</summary>
    public static string? Unavailable => Executable is null
        ? Required ? throw new InvalidOperationException("VMSS_REQUIRE_REDIS=1 but redis-server is not installed (apt-get install redis-server)") : "redis-server is not installed"
        : null;

    /// <summary>Starts a server and waits (at most 10 s wall) until it answers PING.</summary>
    public static async Task<RedisServer> StartAsync()
    {
        var executable = Executable ?? throw new InvalidOperationException("redis-server is not installed");
        var port = FreePort();
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--port", $"{port}", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "yes", "--loglevel", "warning" })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServer(process, port);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!await server.PingAsync())
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                await server.DisposeAsync();
                throw new InvalidOperationException($"redis-server on port {port} did not answer PING within 10 s");
            }

            await WallTime.DelayAsync(TimeSpan.FromMilliseconds(50), CancellationToken.None);
        }

        return server;
    }

    /// <summary>Whether the server answers PING now.</summary>
    public async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (SocketException)
        {
            return false;
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
