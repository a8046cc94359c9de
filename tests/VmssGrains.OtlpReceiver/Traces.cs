using System.Text.Json.Nodes;

namespace VmssGrains.OtlpReceiver;

/// <summary>
/// A <c>Span</c> (opentelemetry/proto/trace/v1): 1 trace id, 2 span id, 4 parent span id (bytes), 5 name, 6 kind,
/// 7 start and 8 end (fixed64 ns since the Unix epoch), 9 attributes, 11 events, 15 status (2 message, 3 code).
/// </summary>
internal static class Traces
{
    private static readonly string[] Kinds = ["unspecified", "internal", "server", "client", "producer", "consumer"];
    private static readonly string[] Codes = ["unset", "ok", "error"];

    /// <summary>
    /// Decodes a span: <c>name</c>, <c>kind</c>, <c>traceId</c>, <c>spanId</c>, <c>parentSpanId</c> (empty for a root),
    /// <c>start</c>/<c>end</c> (ISO 8601) with <c>startUnixNano</c>/<c>endUnixNano</c>, <c>attributes</c>, <c>status</c>, <c>events</c>.
    /// </summary>
    public static void Decode(ReadOnlySpan<byte> message, JsonObject target)
    {
        target["parentSpanId"] = "";
        var events = new JsonArray();
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 1: target["traceId"] = Common.Hex(reader.ReadBytes()); break;
                case 2: target["spanId"] = Common.Hex(reader.ReadBytes()); break;
                case 4: target["parentSpanId"] = Common.Hex(reader.ReadBytes()); break;
                case 5: target["name"] = reader.ReadString(); break;
                case 6: target["kind"] = Name(Kinds, reader.ReadVarint()); break;
                case 7: Time(target, "start", reader.ReadFixed64()); break;
                case 8: Time(target, "end", reader.ReadFixed64()); break;
                case 11: events.Add(Event(reader.ReadBytes())); break;
                case 15: target["status"] = Status(reader.ReadBytes()); break;
                default: reader.Skip(); break;
            }
        }

        target["attributes"] = Common.KeyValues(message, 9);
        target["events"] = events;
    }

    private static void Time(JsonObject target, string name, ulong unixNanos)
    {
        target[name] = Common.Time(unixNanos);
        target[$"{name}UnixNano"] = unixNanos;
    }

    /// <summary><c>Span.Event</c>: 1 time, 2 name, 3 attributes.</summary>
    private static JsonObject Event(ReadOnlySpan<byte> message)
    {
        var result = new JsonObject();
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 1: result["time"] = Common.Time(reader.ReadFixed64()); break;
                case 2: result["name"] = reader.ReadString(); break;
                default: reader.Skip(); break;
            }
        }

        result["attributes"] = Common.KeyValues(message, 3);
        return result;
    }

    /// <summary><c>Status</c>: 2 message, 3 code.</summary>
    private static JsonObject Status(ReadOnlySpan<byte> message)
    {
        var result = new JsonObject { ["code"] = "unset" };
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 2: result["message"] = reader.ReadString(); break;
                case 3: result["code"] = Name(Codes, reader.ReadVarint()); break;
                default: reader.Skip(); break;
            }
        }

        return result;
    }

    private static string Name(string[] names, ulong value) => value < (ulong)names.Length ? names[value] : $"{value}";
}
