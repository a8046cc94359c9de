using System.Text;

namespace VmssGrains.Client.Tests;

/// <summary><c>simulate --html FILE</c> without a browser: the file is self-contained and byte-identical for one scenario and seed; a bad path is refused before anything runs.</summary>
public sealed class HtmlReportFileTests
{
    [Fact]
    public async Task SimulateHtml_SameScenarioAndSeed_ByteIdenticalFileWhicheverEngineAndRun()
    {
        var directory = Directory.CreateTempSubdirectory("vmss-html-same-").FullName;
        string[] files = [Path.Combine(directory, "reference-1.html"), Path.Combine(directory, "reference-2.html"), Path.Combine(directory, "orleans.html")];
        var example = Repo.Example("automatic-os-upgrade");
        await Cli.OkAsync("simulate", "--scenario", example, "--engine", "reference", "--html", files[0]);
        await Cli.OkAsync("simulate", "--scenario", example, "--engine", "reference", "--html", files[1]);
        await Cli.OkAsync("simulate", "--scenario", example, "--html", files[2]);

        var first = await File.ReadAllBytesAsync(files[0]);
        Assert.Equal(first, await File.ReadAllBytesAsync(files[1]));
        Assert.Equal(first, await File.ReadAllBytesAsync(files[2]));

        // Self-contained: the charset first, plotly.js inline, nothing fetched from elsewhere; no temporary file left.
        var text = Encoding.UTF8.GetString(first);
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n", text, StringComparison.Ordinal);
        Assert.Contains("plotly.js v2.28.0", text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(files.Order(StringComparer.Ordinal), Directory.GetFiles(directory).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("simulate")]
    [InlineData("plan")]
    public async Task Html_PathIsADirectory_OneLineExitTwoBeforeAnyOutput(string verb)
    {
        var directory = Directory.CreateTempSubdirectory("vmss-html-dir-").FullName;
        string[] seeds = verb == "plan" ? ["--seeds", "2"] : [];

        var result = await Cli.RunAsync([verb, "--scenario", Repo.Example("seed-6vm-rolling"), .. seeds, "--html", directory]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: --html: {directory} is a directory; name the file to write", result.Err.TrimEnd('\n'));
        Assert.Equal("", result.Out);
        Directory.Delete(directory);
    }

    [Fact]
    public async Task SimulateHtml_DirectoryMissing_OneLineNamingTheOptionExitTwoAndNothingRun()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"vmss-no-such-dir-{Guid.NewGuid():N}");
        var file = Path.Combine(missing, "report.html");

        var result = await Cli.RunAsync("simulate", "--scenario", Repo.Example("seed-6vm-rolling"), "--html", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: --html: the directory {missing} of {file} does not exist", result.Err.TrimEnd('\n'));
        Assert.Equal("", result.Out);
        Assert.False(Directory.Exists(missing));
    }
}
