namespace VmssGrains.Client.Tests;

/// <summary>
/// Finds Debian's <c>chromium</c> for the headless-browser test of the HTML report: <c>VMSS_CHROMIUM_BIN</c> when set
/// (and only it), else <c>chromium</c> on <c>PATH</c>, else <c>/usr/bin/chromium</c>. <c>VMSS_REQUIRE_CHROMIUM=1</c>
/// (set by .ci/run) turns a missing browser from a skip into a failure. No browser is ever downloaded.
/// </summary>
public static class ChromiumBinary
{
    /// <summary>The variable naming the binary explicitly.</summary>
    public const string OverrideVariable = "VMSS_CHROMIUM_BIN";

    /// <summary>The variable that forbids skipping when no browser is found.</summary>
    public const string RequireVariable = "VMSS_REQUIRE_CHROMIUM";

    /// <summary>Where Debian's package installs it.</summary>
    public const string DebianPath = "/usr/bin/chromium";

    /// <summary>The browser on this machine, or null.</summary>
    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } explicitPath)
        {
            return File.Exists(explicitPath) ? explicitPath : null;
        }

        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(dir => Path.Combine(dir, "chromium"))
            .FirstOrDefault(File.Exists);
        return onPath ?? (File.Exists(DebianPath) ? DebianPath : null);
    }

    /// <summary>True when <c>VMSS_REQUIRE_CHROMIUM</c> is 1 or true.</summary>
    public static bool Required =>
        Environment.GetEnvironmentVariable(RequireVariable)?.Trim() is "1" ||
        string.Equals(Environment.GetEnvironmentVariable(RequireVariable)?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The browser, or a skip (a failure under <c>VMSS_REQUIRE_CHROMIUM=1</c>) saying why there is none.</summary>
    public static string FindOrSkip()
    {
        if (Find() is { } found)
        {
            return found;
        }

        var reason = Environment.GetEnvironmentVariable(OverrideVariable) is { Length: > 0 } explicitPath
            ? $"no Chromium: {OverrideVariable}={explicitPath} does not exist"
            : $"no Chromium: no 'chromium' on PATH and no {DebianPath} (apt-get install chromium, or set {OverrideVariable})";
        Assert.False(Required, $"{reason}; {RequireVariable}=1 forbids skipping");
        Skip.If(true, reason);
        return "";
    }
}
