using System.Text.Json.Nodes;

namespace VmssGrains.OtlpReceiver;

/// <summary>Decodes one item (a <c>Metric</c>, <c>Span</c> or <c>LogRecord</c> message) into <paramref name="target"/>.</summary>
internal delegate void ItemDecoder(ReadOnlySpan<byte> message, JsonObject target);
