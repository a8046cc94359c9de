using System.Buffers;
using System.Globalization;
using System.Text.Unicode;

namespace VmssGrains.Client.Cli;

/// <summary>
/// The one reader of every file the console takes (<c>simulate --scenario</c>, <c>create --file</c>, <c>update --file</c>):
/// at most <see cref="MaxBytes"/>, UTF-8 (a UTF-8 byte order mark is skipped). A missing file, a directory, a file that
/// cannot be read, one that is too large (however it reports its size: <c>/dev/zero</c> is cut off at the limit) and
/// invalid UTF-8 (with the byte offset) are each one <see cref="CliException"/> (exit 2) naming the path as given.
/// </summary>
public static class InputFile
{
    /// <summary>
    /// The largest input file: 4 MiB, the limit Azure Resource Manager puts on a template. A scenario file for a
    /// million instances is a few KiB (the capacity is a number), and no scale set resource comes near it.
    /// </summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    /// <summary>Reads <paramref name="path"/> as text.</summary>
    /// <exception cref="CliException">The file cannot be taken; the message starts with <paramref name="path"/>.</exception>
    public static string ReadText(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new CliException($"{path}: is a directory, not a file");
        }

        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1);
            bytes = ReadCapped(stream, path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliException($"{path}: no such file");
        }
        catch (UnauthorizedAccessException)
        {
            throw new CliException($"{path}: cannot read it: permission denied");
        }
        catch (IOException e)
        {
            throw new CliException($"{path}: cannot read it: {e.Message}");
        }

        return Decode(bytes, path);
    }

    /// <summary>The text of <paramref name="bytes"/>: UTF-8, a leading byte order mark dropped.</summary>
    /// <exception cref="CliException">UTF-16 or invalid UTF-8; the message gives the byte offset (from 0) of the first bad byte.</exception>
    public static string Decode(ReadOnlySpan<byte> bytes, string path)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            throw new CliException($"{path}: is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8");
        }

        var offset = bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        var body = bytes[offset..];
        var chars = new char[body.Length];
        var status = Utf8.ToUtf16(body, chars, out var read, out var written, replaceInvalidSequences: false);
        return status == OperationStatus.Done
            ? new string(chars, 0, written)
            : throw new CliException(string.Create(CultureInfo.InvariantCulture, $"{path}: not valid UTF-8 at byte offset {offset + read} (0x{body[read]:X2}); save it as UTF-8"));
    }

    private static byte[] ReadCapped(FileStream stream, string path)
    {
        if (stream.CanSeek && stream.Length > MaxBytes)
        {
            throw TooLarge(path);
        }

        // Devices and pipes report no length (or a wrong one): read one byte past the limit at most.
        var buffer = new byte[Math.Min(MaxBytes + 1, stream.CanSeek && stream.Length > 0 ? stream.Length + 1 : 64 * 1024)];
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                if (buffer.Length > MaxBytes)
                {
                    throw TooLarge(path);
                }

                Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, MaxBytes + 1));
            }

            var n = stream.Read(buffer, length, buffer.Length - length);
            if (n == 0)
            {
                return buffer[..length];
            }

            length += n;
        }
    }

    private static CliException TooLarge(string path) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{path}: larger than {MaxBytes / (1024 * 1024)} MiB, the limit for input files"));
}
