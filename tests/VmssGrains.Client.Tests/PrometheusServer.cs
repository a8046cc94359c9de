using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using VmssGrains.Simulation.Driving;

namespace VmssGrains.Client.Tests;

/// <summary>
/// A Prometheus process of the test's own: loopback port, a temporary config scraping one target every second and
/// a temporary TSDB directory; disposing kills it and deletes both.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    /// <summary>The job name of the scraped silo.</summary>
    public const string Job = "vmss-silo";

    private readonly Process process;
    private readonly string directory;
    private readonly HttpClient http;
    private readonly StringBuilder output = new();

    private PrometheusServer(Process process, string directory, int port)
    {
        this.process = process;
        this.directory = directory;
        http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
    }

    /// <summary>Prometheus' own log so far.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>True once the process exited.</summary>
    public bool HasExited => process.HasExited;

    /// <summary>Starts <paramref name="binary"/> on 127.0.0.1:<paramref name="port"/>, scraping <c>http://127.0.0.1:{targetPort}/metrics</c>.</summary>
    public static PrometheusServer Start(string binary, int port, int targetPort)
    {
        var directory = Directory.CreateTempSubdirectory("vmss-prometheus-").FullName;
        var config = Path.Combine(directory, "prometheus.yml");
        File.WriteAllText(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: {Job}
                metrics_path: /metrics
                static_configs:
                  - targets: ['127.0.0.1:{targetPort}']
            """);
        var info = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var arg in new[]
        {
            $"--config.file={config}",
            $"--storage.tsdb.path={Path.Combine(directory, "data")}",
            $"--web.listen-address=127.0.0.1:{port}",
            "--storage.tsdb.retention.time=1h",
        })
        {
            info.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = info };
        var server = new PrometheusServer(process, directory, port);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Waits until <c>/-/ready</c> answers 200.</summary>
    public async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            Assert.False(process.HasExited, $"prometheus exited with {(process.HasExited ? process.ExitCode : 0)}:\n{Output}");
            try
            {
                using var response = await http.GetAsync(new Uri("-/ready", UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await WallTime.DelayAsync(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    /// <summary>An instant query: the <c>data.result</c> array of <c>/api/v1/query</c> (asserting status success).</summary>
    public async Task<JsonArray> QueryAsync(string promql, CancellationToken cancellationToken)
    {
        var body = await http.GetStringAsync(new Uri($"api/v1/query?query={Uri.EscapeDataString(promql)}", UriKind.Relative), cancellationToken);
        var json = JsonNode.Parse(body)!;
        Assert.True(json.Str("status") == "success", $"query {promql}: {body}");
        return json["data"]!["result"]!.AsArray();
    }

    /// <summary>The value of a query that returns at most one series, or null when it returns none.</summary>
    public async Task<double?> ScalarAsync(string promql, CancellationToken cancellationToken)
    {
        var result = await QueryAsync(promql, cancellationToken);
        Assert.True(result.Count <= 1, $"query {promql}: expected at most one series, got {result.ToJsonString()}");
        return result.Count == 0 ? null : ValueOf(result[0]!);
    }

    /// <summary>The values of a label (as Grafana's <c>label_values(metric, label)</c> asks for them).</summary>
    public async Task<List<string>> LabelValuesAsync(string label, string metric, CancellationToken cancellationToken)
    {
        var body = await http.GetStringAsync(new Uri($"api/v1/label/{label}/values?match[]={Uri.EscapeDataString(metric)}", UriKind.Relative), cancellationToken);
        var json = JsonNode.Parse(body)!;
        Assert.True(json.Str("status") == "success", $"label_values({metric}, {label}): {body}");
        return [.. json["data"]!.AsArray().Select(v => v!.GetValue<string>())];
    }

    /// <summary>The sample value of one series of a vector result.</summary>
    public static double ValueOf(JsonNode series) =>
        double.Parse(series["value"]![1]!.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture);

    /// <summary>The sample timestamp (Unix seconds) of one series of a vector result.</summary>
    public static double TimestampOf(JsonNode series) => series["value"]![0]!.GetValue<double>();

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await ChildProcess.StopAsync(process);
        }
        finally
        {
            http.Dispose();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
