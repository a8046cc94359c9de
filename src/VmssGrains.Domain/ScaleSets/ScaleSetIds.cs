using System.Globalization;
using VmssGrains.Domain.Randomness;

namespace VmssGrains.Domain.ScaleSets;

/// <summary>The ids a scale set gives (its uniqueId, operations, runs): GUIDs derived from the seed, so the same seed gives the same ids.</summary>
public static class ScaleSetIds
{
    /// <summary>The scale set's <c>uniqueId</c>.</summary>
    public static string UniqueId(ScaleSetState state) => Derived(state, "uniqueId", 0);

    /// <summary>The id of the <paramref name="serial"/>th thing made for <paramref name="purpose"/>.</summary>
    public static string Derived(ScaleSetState state, string purpose, int serial)
    {
        ArgumentNullException.ThrowIfNull(state);
        var a = SeedHash.Of(state.Seed, state.Name, purpose, serial.ToString(CultureInfo.InvariantCulture));
        var b = SeedHash.Of(a == 0 ? 1 : (long)a, purpose);
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, a);
        BitConverter.TryWriteBytes(bytes[8..], b);
        return new System.Guid(bytes).ToString();
    }
}
