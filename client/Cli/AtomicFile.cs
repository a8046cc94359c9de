using System.Text;

namespace VmssGrains.Client.Cli;

/// <summary>
/// Writes a file the console produces (<c>--html</c>, <c>--save-scenario</c>) through a temporary file next to it,
/// moved into place once complete, so a failure never leaves a half-written file where the user looks.
/// </summary>
public static class AtomicFile
{
    /// <summary>
    /// Writes <paramref name="path"/> with <paramref name="render"/> (UTF-8 without a byte order mark, <c>\n</c> line
    /// ends). The temporary file is removed whatever happens.
    /// </summary>
    /// <exception cref="CliException">The file cannot be written: the exception <paramref name="failure"/> makes of the I/O error.</exception>
    public static void Write(string path, Action<TextWriter> render, Func<Exception, CliException> failure)
    {
        ArgumentNullException.ThrowIfNull(render);
        ArgumentNullException.ThrowIfNull(failure);
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var writer = new StreamWriter(temporary, false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
            {
                writer.NewLine = "\n";
                render(writer);
            }

            File.Move(temporary, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw failure(e);
        }
        finally
        {
            try
            {
                File.Delete(temporary);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Nothing more can be done: the file where the user looks was never touched.
            }
        }
    }
}
