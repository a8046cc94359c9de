using System.Text.Json.Nodes;
using VmssGrains.Client.Cli;
using VmssGrains.Reporting.Html;

namespace VmssGrains.Client.Rendering;

/// <summary>
/// Writes <c>--html FILE</c>: the page goes to a temporary file beside <c>FILE</c> and is moved over it once complete,
/// so a failure never leaves half a page (nor replaces an earlier one).
/// </summary>
public static class HtmlReportFile
{
    /// <summary>
    /// Refuses an <c>--html</c> file whose directory does not exist, or that is a directory, before any work is done
    /// (exit 2, one line naming it); nothing when <paramref name="file"/> is null.
    /// </summary>
    /// <exception cref="CliException">The directory does not exist, or the file is a directory.</exception>
    public static void CheckDirectory(FileInfo? file)
    {
        if (file is not null && file.Directory is { Exists: false } missing)
        {
            throw new CliException($"--html: the directory {missing} of {file} does not exist");
        }

        if (file is not null && Directory.Exists(file.FullName))
        {
            throw new CliException($"--html: {file} is a directory; name the file to write");
        }
    }

    /// <summary>Writes the HTML report of a <c>simulate</c> report document to <paramref name="file"/>.</summary>
    /// <exception cref="CliException">The file cannot be written (exit 1, the file named).</exception>
    public static void Write(FileInfo file, JsonNode report, string title) => WriteWith(file, writer => HtmlReport.Write(report, title, writer));

    /// <summary>Writes a page with <paramref name="render"/> (e.g. <see cref="HtmlReport.WriteComparison"/>) to <paramref name="file"/>.</summary>
    /// <exception cref="CliException">The file cannot be written (exit 1, the file named).</exception>
    public static void WriteWith(FileInfo file, Action<TextWriter> render)
    {
        ArgumentNullException.ThrowIfNull(file);
        AtomicFile.Write(file.FullName, render, e => new CliException($"--html: cannot write {file}: {e.Message}", ExitCodes.Failure));
    }
}
