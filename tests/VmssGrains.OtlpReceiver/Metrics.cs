using System.Buffers.Binary;
using System.Text.Json.Nodes;

namespace VmssGrains.OtlpReceiver;

/// <summary>
/// A <c>Metric</c> (opentelemetry/proto/metrics/v1): 1 name, 2 description, 3 unit, and one of 5 gauge, 7 sum,
/// 9 histogram, 10 exponential histogram, 11 summary. Each of those holds its data points in field 1; sums add
/// 2 aggregation temporality and 3 monotonic, histograms 2 temporality.
/// </summary>
internal static class Metrics
{
    /// <summary>Decodes a metric: <c>name</c>, <c>unit</c>, <c>type</c>, <c>temporality</c>, <c>monotonic</c>, <c>points</c>.</summary>
    public static void Decode(ReadOnlySpan<byte> message, JsonObject target)
    {
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 1: target["name"] = reader.ReadString(); break;
                case 3: target["unit"] = reader.ReadString(); break;
                case 5: Data(reader.ReadBytes(), "gauge", NumberPoint, target); break;
                case 7: Data(reader.ReadBytes(), "sum", NumberPoint, target); break;
                case 9: Data(reader.ReadBytes(), "histogram", HistogramPoint, target); break;
                case 10: Data(reader.ReadBytes(), "exponentialHistogram", ExponentialHistogramPoint, target); break;
                case 11: Data(reader.ReadBytes(), "summary", SummaryPoint, target); break;
                default: reader.Skip(); break;
            }
        }
    }

    private static void Data(ReadOnlySpan<byte> message, string type, ItemDecoder point, JsonObject target)
    {
        target["type"] = type;
        var points = new JsonArray();
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 1:
                    var decoded = new JsonObject();
                    point(reader.ReadBytes(), decoded);
                    points.Add(decoded);
                    break;
                case 2 when type != "summary":
                    target["temporality"] = reader.ReadVarint() switch { 1 => "delta", 2 => "cumulative", _ => "unspecified" };
                    break;
                case 3 when type == "sum":
                    target["monotonic"] = reader.ReadVarint() != 0;
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        target["points"] = points;
    }

    /// <summary><c>NumberDataPoint</c>: 7 attributes, 2 start and 3 time (fixed64 ns), 4 as_double, 6 as_int (sfixed64).</summary>
    private static void NumberPoint(ReadOnlySpan<byte> message, JsonObject target)
    {
        target["attributes"] = Common.KeyValues(message, 7);
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 3: target["time"] = Common.Time(reader.ReadFixed64()); break;
                case 4: target["value"] = reader.ReadDouble(); break;
                case 6: target["value"] = (long)reader.ReadFixed64(); break;
                default: reader.Skip(); break;
            }
        }
    }

    /// <summary>
    /// <c>HistogramDataPoint</c>: 9 attributes, 3 time, 4 count (fixed64), 5 sum, 6 bucket counts (packed fixed64),
    /// 7 explicit bounds (packed double), 11 min, 12 max.
    /// </summary>
    private static void HistogramPoint(ReadOnlySpan<byte> message, JsonObject target)
    {
        target["attributes"] = Common.KeyValues(message, 9);
        var buckets = new JsonArray();
        var bounds = new JsonArray();
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 3: target["time"] = Common.Time(reader.ReadFixed64()); break;
                case 4: target["count"] = (long)reader.ReadFixed64(); break;
                case 5: target["sum"] = reader.ReadDouble(); break;
                case 6: Repeated64(ref reader, bits => buckets.Add((long)bits)); break;
                case 7: Repeated64(ref reader, bits => bounds.Add(BitConverter.UInt64BitsToDouble(bits))); break;
                case 11: target["min"] = reader.ReadDouble(); break;
                case 12: target["max"] = reader.ReadDouble(); break;
                default: reader.Skip(); break;
            }
        }

        target["bucketCounts"] = buckets;
        target["explicitBounds"] = bounds;
    }

    /// <summary><c>ExponentialHistogramDataPoint</c>: 1 attributes, 3 time, 4 count, 5 sum, 12 min, 13 max (buckets left out).</summary>
    private static void ExponentialHistogramPoint(ReadOnlySpan<byte> message, JsonObject target)
    {
        target["attributes"] = Common.KeyValues(message, 1);
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 3: target["time"] = Common.Time(reader.ReadFixed64()); break;
                case 4: target["count"] = (long)reader.ReadFixed64(); break;
                case 5: target["sum"] = reader.ReadDouble(); break;
                case 12: target["min"] = reader.ReadDouble(); break;
                case 13: target["max"] = reader.ReadDouble(); break;
                default: reader.Skip(); break;
            }
        }
    }

    /// <summary><c>SummaryDataPoint</c>: 7 attributes, 3 time, 4 count, 5 sum (quantiles left out).</summary>
    private static void SummaryPoint(ReadOnlySpan<byte> message, JsonObject target)
    {
        target["attributes"] = Common.KeyValues(message, 7);
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            switch (reader.Field)
            {
                case 3: target["time"] = Common.Time(reader.ReadFixed64()); break;
                case 4: target["count"] = (long)reader.ReadFixed64(); break;
                case 5: target["sum"] = reader.ReadDouble(); break;
                default: reader.Skip(); break;
            }
        }
    }

    /// <summary>A repeated 64-bit field, packed (one length-delimited run) or not (one value per field).</summary>
    private static void Repeated64(ref ProtoReader reader, Action<ulong> add)
    {
        if (reader.Type != WireType.LengthDelimited)
        {
            add(reader.ReadFixed64());
            return;
        }

        var bytes = reader.ReadBytes();
        if (bytes.Length % 8 != 0)
        {
            throw new InvalidDataException($"packed field {reader.Field} of {bytes.Length} bytes is not a run of 64-bit values");
        }

        for (var i = 0; i < bytes.Length; i += 8)
        {
            add(BinaryPrimitives.ReadUInt64LittleEndian(bytes.Slice(i, 8)));
        }
    }
}
