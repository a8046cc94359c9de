using System.Globalization;

namespace VmssGrains.Client.Tests.Differential;

/// <summary>
/// The console's own <c>simulate --scenario FILE --output json --seed N</c>, run in this process: its embedded silo
/// (one silo, the virtual clock) and its standard output, byte for byte. <paramref name="options"/> are added to the
/// command line, so an engine the console selects by option is this engine with that option.
/// </summary>
public sealed class SimulateCommandEngine(params string[] options) : IEngine
{
    /// <inheritdoc/>
    public string Name => options.Length == 0 ? "simulate (embedded silo)" : $"simulate {string.Join(' ', options)}";

    /// <inheritdoc/>
    public async Task<string> RunAsync(string scenarioJson, long seed)
    {
        var path = Path.Combine(Path.GetTempPath(), $"vmss-differential-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, scenarioJson);
        try
        {
            var result = await Cli.RunAsync(["simulate", "--scenario", path, "--output", "json", "--seed", seed.ToString(CultureInfo.InvariantCulture), .. options]);
            return result.ExitCode == 0 && result.Err.Length == 0
                ? result.Out
                : throw new EngineFailedException($"{Name} exited {result.ExitCode}: {result.Err.Trim()}");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
