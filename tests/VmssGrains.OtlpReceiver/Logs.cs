using System.Text.Json.Nodes;

namespace VmssGrains.OtlpReceiver;

/// <summary>
/// A <c>LogRecord</c> (opentelemetry/proto/logs/v1): 1 time and 11 observed time (fixed64 ns), 2 severity number,
/// 3 severity text, 5 body (AnyValue), 6 attributes, 9 trace id, 10 span id, 12 event name.
/// </summary>
internal static class Logs
{
    /// <summary>Decodes a log record: <c>time</c>, <c>severity</c>, <c>severityNumber</c>, <c>body</c>, <c>attributes</c>, <c>traceId</c>, <c>spanId</c>, <c>eventName</c>.</summary>
    public static void Decode(ReadOnlySpan<byte> message, JsonObject target)
    {
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 1: target["time"] = Common.Time(reader.ReadFixed64()); break;
                case 2: target["severityNumber"] = (long)reader.ReadVarint(); break;
                case 3: target["severity"] = reader.ReadString(); break;
                case 5: target["body"] = Common.AnyValue(reader.ReadBytes()); break;
                case 9: target["traceId"] = Common.Hex(reader.ReadBytes()); break;
                case 10: target["spanId"] = Common.Hex(reader.ReadBytes()); break;
                case 12: target["eventName"] = reader.ReadString(); break;
                default: reader.Skip(); break;
            }
        }

        target["attributes"] = Common.KeyValues(message, 6);
    }
}
