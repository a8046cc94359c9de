using System.IO.Compression;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VmssGrains.OtlpReceiver;

/// <summary>
/// OTLP/HTTP with protobuf bodies on a loopback port: <c>POST /v1/metrics</c>, <c>/v1/traces</c> and <c>/v1/logs</c>
/// (gzip or uncompressed) answer 200 with an empty protobuf response (an export response without partial success),
/// and every received metric, span and log record becomes one JSON line on <paramref name="output"/>.
/// Anything else: 404 (path), 405 (method), 415 (not application/x-protobuf), 400 (a body that does not decode).
/// </summary>
internal sealed class Receiver(TextWriter output, TextWriter log)
{
    private static readonly Dictionary<string, (string Signal, ItemDecoder Decoder)> Paths = new(StringComparer.Ordinal)
    {
        ["/v1/metrics"] = ("metric", Metrics.Decode),
        ["/v1/traces"] = ("span", Traces.Decode),
        ["/v1/logs"] = ("log", Logs.Decode),
    };

    private readonly Lock writing = new();

    /// <summary>Serves on <c>http://127.0.0.1:<paramref name="port"/>/</c> until <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task RunAsync(int port, CancellationToken cancellationToken)
    {
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        await log.WriteLineAsync($"otlp receiver listening on http://127.0.0.1:{port}/");
        await log.FlushAsync(cancellationToken);
        using var stop = cancellationToken.Register(listener.Stop);
        var requests = new List<Task>();
        while (!cancellationToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException && cancellationToken.IsCancellationRequested)
            {
                break;
            }

            requests.RemoveAll(t => t.IsCompleted);
            requests.Add(Task.Run(() => HandleAsync(context), CancellationToken.None));
        }

        await Task.WhenAll(requests);
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        try
        {
            var path = request.Url?.AbsolutePath ?? "";
            if (!Paths.TryGetValue(path, out var route))
            {
                Answer(response, HttpStatusCode.NotFound, $"{path}: not an OTLP path (/v1/metrics, /v1/traces, /v1/logs)");
                return;
            }

            if (request.HttpMethod != "POST")
            {
                Answer(response, HttpStatusCode.MethodNotAllowed, $"{request.HttpMethod} {path}: only POST");
                return;
            }

            if (request.ContentType?.StartsWith("application/x-protobuf", StringComparison.OrdinalIgnoreCase) != true)
            {
                Answer(response, HttpStatusCode.UnsupportedMediaType, $"{path}: content type '{request.ContentType}' is not application/x-protobuf");
                return;
            }

            var body = await ReadBodyAsync(request);
            List<JsonObject> items;
            try
            {
                items = ExportRequest.Decode(body, route.Signal, route.Decoder);
            }
            catch (InvalidDataException e)
            {
                Answer(response, HttpStatusCode.BadRequest, $"{path}: {body.Length} bytes do not decode: {e.Message}");
                return;
            }

            Write(items);
            lock (writing)
            {
                log.WriteLine($"POST {path}: {body.Length} bytes, {items.Count} {route.Signal}(s)");
                log.Flush();
            }

            response.StatusCode = (int)HttpStatusCode.OK;
            response.ContentType = "application/x-protobuf";
            response.ContentLength64 = 0;
        }
        finally
        {
            response.Close();
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpListenerRequest request)
    {
        using var buffer = new MemoryStream();
        var gzip = string.Equals(request.Headers["Content-Encoding"], "gzip", StringComparison.OrdinalIgnoreCase);
        await using (var body = gzip ? new GZipStream(request.InputStream, CompressionMode.Decompress) : request.InputStream)
        {
            await body.CopyToAsync(buffer);
        }

        return buffer.ToArray();
    }

    private void Write(List<JsonObject> items)
    {
        lock (writing)
        {
            foreach (var item in items)
            {
                output.WriteLine(item.ToJsonString(JsonOptions));
            }

            output.Flush();
        }
    }

    private void Answer(HttpListenerResponse response, HttpStatusCode status, string message)
    {
        lock (writing)
        {
            log.WriteLine($"{(int)status}: {message}");
            log.Flush();
        }

        response.StatusCode = (int)status;
        response.ContentType = "text/plain";
        using var writer = new StreamWriter(response.OutputStream);
        writer.Write(message);
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };
}
