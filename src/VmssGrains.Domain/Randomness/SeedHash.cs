using System.Text;

namespace VmssGrains.Domain.Randomness;

/// <summary>
/// A hash that is the same on every process, machine and .NET version (FNV-1a 64 over UTF-8, then a
/// SplitMix64 finaliser). <see cref="string.GetHashCode()"/> is randomised per process and must never
/// seed the simulation.
/// </summary>
public static class SeedHash
{
    private const ulong FnvOffset = 14695981039346656037UL;
    private const ulong FnvPrime = 1099511628211UL;

    /// <summary>Hashes the parts in order; a separator byte keeps ("ab","c") apart from ("a","bc").</summary>
    public static ulong Of(long seed, params ReadOnlySpan<string> parts)
    {
        var hash = FnvOffset;
        hash = Mix(hash, unchecked((ulong)seed));
        Span<byte> buffer = stackalloc byte[256];
        foreach (var part in parts)
        {
            var bytes = Encoding.UTF8.GetByteCount(part) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(part, buffer)] : Encoding.UTF8.GetBytes(part);
            foreach (var b in bytes)
            {
                hash = unchecked((hash ^ b) * FnvPrime);
            }

            hash = unchecked((hash ^ 0xFF) * FnvPrime);
        }

        return Finalise(hash);
    }

    private static ulong Mix(ulong hash, ulong value)
    {
        for (var i = 0; i < 8; i++)
        {
            hash = unchecked((hash ^ ((value >> (i * 8)) & 0xFF)) * FnvPrime);
        }

        return hash;
    }

    internal static ulong Finalise(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
