namespace VmssGrains.OtlpReceiver;

/// <summary>The protobuf wire types (the low three bits of a field's tag).</summary>
internal enum WireType
{
    /// <summary>int32, int64, uint32, uint64, bool, enum: a base-128 varint.</summary>
    Varint = 0,

    /// <summary>fixed64, sfixed64, double: eight little-endian bytes.</summary>
    Fixed64 = 1,

    /// <summary>string, bytes, embedded messages, packed repeated fields: a varint length, then that many bytes.</summary>
    LengthDelimited = 2,

    /// <summary>Deprecated groups (never used by OTLP).</summary>
    StartGroup = 3,

    /// <summary>Deprecated groups (never used by OTLP).</summary>
    EndGroup = 4,

    /// <summary>fixed32, sfixed32, float: four little-endian bytes.</summary>
    Fixed32 = 5,
}
