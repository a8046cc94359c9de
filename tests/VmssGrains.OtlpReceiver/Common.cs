using System.Globalization;
using System.Text.Json.Nodes;

namespace VmssGrains.OtlpReceiver;

/// <summary>
/// The shared OTLP messages (opentelemetry/proto/common/v1 and resource/v1): <c>AnyValue</c> (1 string, 2 bool,
/// 3 int, 4 double, 5 array, 6 key-value list, 7 bytes), <c>KeyValue</c> (1 key, 2 value), <c>Resource</c>
/// (1 attributes) and <c>InstrumentationScope</c> (1 name, 2 version).
/// </summary>
internal static class Common
{
    /// <summary>An <c>AnyValue</c> as JSON (bytes as base64; an empty value as null).</summary>
    public static JsonNode? AnyValue(ReadOnlySpan<byte> message)
    {
        JsonNode? value = null;
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 1: value = reader.ReadString(); break;
                case 2: value = reader.ReadVarint() != 0; break;
                case 3: value = (long)reader.ReadVarint(); break;
                case 4: value = reader.ReadDouble(); break;
                case 5: value = Array(reader.ReadBytes()); break;
                case 6: value = KeyValues(reader.ReadBytes(), 1); break;
                case 7: value = Convert.ToBase64String(reader.ReadBytes()); break;
                default: reader.Skip(); break;
            }
        }

        return value;
    }

    /// <summary>Adds one <c>KeyValue</c> to <paramref name="target"/>.</summary>
    public static void AddKeyValue(JsonObject target, ReadOnlySpan<byte> message)
    {
        var key = "";
        JsonNode? value = null;
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 1: key = reader.ReadString(); break;
                case 2: value = AnyValue(reader.ReadBytes()); break;
                default: reader.Skip(); break;
            }
        }

        target[key] = value;
    }

    /// <summary>The repeated <c>KeyValue</c> field <paramref name="field"/> of a message, as one JSON object.</summary>
    public static JsonObject KeyValues(ReadOnlySpan<byte> message, int field)
    {
        var result = new JsonObject();
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            if (reader.Field == field)
            {
                AddKeyValue(result, reader.ReadBytes());
            }
            else
            {
                reader.Skip();
            }
        }

        return result;
    }

    /// <summary>The name of an <c>InstrumentationScope</c>.</summary>
    public static string ScopeName(ReadOnlySpan<byte> message)
    {
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            if (reader.Field == 1)
            {
                return reader.ReadString();
            }

            reader.Skip();
        }

        return "";
    }

    /// <summary>Trace and span ids in lowercase hex, as W3C trace context writes them.</summary>
    public static string Hex(ReadOnlySpan<byte> id) => Convert.ToHexStringLower(id);

    /// <summary>A time in nanoseconds since the Unix epoch, as ISO 8601 UTC (to the 100 ns tick).</summary>
    public static string Time(ulong unixNanos) =>
        DateTimeOffset.UnixEpoch.AddTicks((long)(unixNanos / 100)).ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    private static JsonArray Array(ReadOnlySpan<byte> message)
    {
        var result = new JsonArray();
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            if (reader.Field == 1)
            {
                result.Add(AnyValue(reader.ReadBytes()));
            }
            else
            {
                reader.Skip();
            }
        }

        return result;
    }
}
