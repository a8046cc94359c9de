namespace VmssGrains.Client.Tests;

/// <summary>
/// Finds the <c>prometheus</c> binary for the end-to-end test: <c>VMSS_PROMETHEUS_BIN</c> when set (and only it),
/// else <c>prometheus</c> on <c>PATH</c>, else Debian's <c>/usr/bin/prometheus</c>.
/// <c>VMSS_REQUIRE_PROMETHEUS=1</c> (set by .ci/run) turns a missing binary from a skip into a failure.
/// </summary>
public static class PrometheusBinary
{
    /// <summary>The variable naming the binary explicitly (a path that does not exist means "no Prometheus").</summary>
    public const string OverrideVariable = "VMSS_PROMETHEUS_BIN";

    /// <summary>The variable that forbids skipping when no binary is found.</summary>
    public const string RequireVariable = "VMSS_REQUIRE_PROMETHEUS";

    /// <summary>Where Debian's package installs it.</summary>
    public const string DebianPath = "/usr/bin/prometheus";

    /// <summary>The binary on this machine, or null.</summary>
    public static string? Find() => Find(Environment.GetEnvironmentVariable, IsExecutable);

    /// <summary>True when this environment forbids skipping the test.</summary>
    public static bool Required => IsRequired(Environment.GetEnvironmentVariable);

    /// <summary>The lookup, over an environment and a file test.</summary>
    public static string? Find(Func<string, string?> environment, Func<string, bool> isExecutable)
    {
        if (environment(OverrideVariable) is { Length: > 0 } explicitPath)
        {
            return isExecutable(explicitPath) ? explicitPath : null;
        }

        var onPath = (environment("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(dir => Path.Combine(dir, "prometheus"))
            .FirstOrDefault(isExecutable);
        return onPath ?? (isExecutable(DebianPath) ? DebianPath : null);
    }

    /// <summary>True when <c>VMSS_REQUIRE_PROMETHEUS</c> is 1 or true.</summary>
    public static bool IsRequired(Func<string, string?> environment) =>
        environment(RequireVariable)?.Trim() is "1" || string.Equals(environment(RequireVariable)?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why no binary was found, for the skip or failure message.</summary>
    public static string NotFoundReason(Func<string, string?> environment) =>
        environment(OverrideVariable) is { Length: > 0 } explicitPath
            ? $"no Prometheus: {OverrideVariable}={explicitPath} is not an executable file"
            : $"no Prometheus: no 'prometheus' on PATH and no {DebianPath} (apt-get install prometheus, or set {OverrideVariable})";

    private static bool IsExecutable(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & anyExecute) != 0;
    }
}
