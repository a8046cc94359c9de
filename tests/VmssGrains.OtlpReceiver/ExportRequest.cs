using System.Text.Json.Nodes;

namespace VmssGrains.OtlpReceiver;

/// <summary>
/// The envelope the three export requests share: <c>Export{Metrics,Trace,Logs}ServiceRequest</c> has the repeated
/// <c>Resource{Metrics,Spans,Logs}</c> in field 1; each has its <c>Resource</c> in field 1 and the repeated
/// <c>Scope{Metrics,Spans,Logs}</c> in field 2; each of those has its <c>InstrumentationScope</c> in field 1 and
/// the repeated items in field 2.
/// </summary>
internal static class ExportRequest
{
    /// <summary>One JSON object per item: <c>signal</c>, the resource's <c>service</c> (service.name), <c>scope</c>, then the item's fields.</summary>
    public static List<JsonObject> Decode(ReadOnlySpan<byte> request, string signal, ItemDecoder item)
    {
        var items = new List<JsonObject>();
        var reader = new ProtoReader(request);
        while (reader.Next())
        {
            if (reader.Field == 1)
            {
                DecodeResource(reader.ReadBytes(), signal, item, items);
            }
            else
            {
                reader.Skip();
            }
        }

        return items;
    }

    private static void DecodeResource(ReadOnlySpan<byte> message, string signal, ItemDecoder item, List<JsonObject> items)
    {
        // The resource may come after its scopes on the wire: find it first.
        JsonObject resource = [];
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            if (reader.Field == 1)
            {
                resource = Common.KeyValues(reader.ReadBytes(), 1);
            }
            else
            {
                reader.Skip();
            }
        }

        var service = resource["service.name"]?.GetValue<string>();
        reader = new ProtoReader(message);
        while (reader.Next())
        {
            if (reader.Field == 2)
            {
                DecodeScope(reader.ReadBytes(), signal, service, item, items);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static void DecodeScope(ReadOnlySpan<byte> message, string signal, string? service, ItemDecoder item, List<JsonObject> items)
    {
        var scope = "";
        var reader = new ProtoReader(message);
        while (reader.Next())
        {
            if (reader.Field == 1)
            {
                scope = Common.ScopeName(reader.ReadBytes());
            }
            else
            {
                reader.Skip();
            }
        }

        reader = new ProtoReader(message);
        while (reader.Next())
        {
            if (reader.Field == 2)
            {
                var target = new JsonObject { ["signal"] = signal, ["service"] = service, ["scope"] = scope };
                item(reader.ReadBytes(), target);
                items.Add(target);
            }
            else
            {
                reader.Skip();
            }
        }
    }
}
