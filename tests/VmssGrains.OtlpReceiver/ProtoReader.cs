using System.Buffers.Binary;
using System.Text;

namespace VmssGrains.OtlpReceiver;

/// <summary>
/// Reads one protobuf message's fields in order: call <see cref="Next"/> for each field's number and wire type,
/// then exactly one read (or <see cref="Skip"/>) for its value. Embedded messages are read with a new reader over
/// <see cref="ReadBytes"/>. Malformed input throws <see cref="InvalidDataException"/>.
/// </summary>
internal ref struct ProtoReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> data = data;
    private int position;

    /// <summary>The current field's number.</summary>
    public int Field { get; private set; }

    /// <summary>The current field's wire type.</summary>
    public WireType Type { get; private set; }

    /// <summary>Moves to the next field; false at the end of the message.</summary>
    public bool Next()
    {
        if (position >= data.Length)
        {
            return false;
        }

        var tag = ReadVarint();
        Field = (int)(tag >> 3);
        Type = (WireType)(tag & 7);
        return Field > 0 ? true : throw new InvalidDataException($"field number 0 at byte {position}");
    }

    /// <summary>A varint (int32, int64, uint64, bool, enum).</summary>
    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = Take(1)[0];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException($"varint longer than ten bytes at byte {position}");
    }

    /// <summary>A fixed64 (also sfixed64 and the bits of a double).</summary>
    public ulong ReadFixed64() => BinaryPrimitives.ReadUInt64LittleEndian(Take(8));

    /// <summary>A fixed32.</summary>
    public uint ReadFixed32() => BinaryPrimitives.ReadUInt32LittleEndian(Take(4));

    /// <summary>A double.</summary>
    public double ReadDouble() => BitConverter.UInt64BitsToDouble(ReadFixed64());

    /// <summary>A length-delimited value: bytes, a string's UTF-8, an embedded message, a packed array.</summary>
    public ReadOnlySpan<byte> ReadBytes()
    {
        var length = ReadVarint();
        return length <= (ulong)(data.Length - position) ? Take((int)length) : throw new InvalidDataException($"length {length} beyond the message at byte {position}");
    }

    /// <summary>A string.</summary>
    public string ReadString() => Encoding.UTF8.GetString(ReadBytes());

    /// <summary>Skips the current field's value (fields this reader does not know).</summary>
    public void Skip()
    {
        _ = Type switch
        {
            WireType.Varint => ReadVarint(),
            WireType.Fixed64 => ReadFixed64(),
            WireType.LengthDelimited => (ulong)ReadBytes().Length,
            WireType.Fixed32 => ReadFixed32(),
            _ => throw new InvalidDataException($"wire type {(int)Type} (groups are not used by OTLP) in field {Field}"),
        };
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count > data.Length - position)
        {
            throw new InvalidDataException($"message ends inside a value at byte {position}");
        }

        var slice = data.Slice(position, count);
        position += count;
        return slice;
    }
}
