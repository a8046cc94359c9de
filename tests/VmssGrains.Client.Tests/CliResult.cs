namespace VmssGrains.Client.Tests;

/// <summary>What one run of the console printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Out, string Err)
{
    /// <summary>Standard error's lines.</summary>
    public string[] ErrLines => Err.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The one line on standard error, asserting that there is exactly one and that it starts with "error: ".</summary>
    public string ErrorLine
    {
        get
        {
            var lines = ErrLines;
            Assert.True(lines.Length == 1, $"expected one line on stderr, got {lines.Length}:\n{Err}");
            Assert.StartsWith("error: ", lines[0], StringComparison.Ordinal);
            return lines[0];
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Err}";
}
