using System.CommandLine;
using System.Globalization;
using VmssGrains.Client.Cli;
using VmssGrains.Domain.Planning;
using VmssGrains.Simulation.Scenarios;

namespace VmssGrains.Client.Commands;

/// <summary>The options <c>plan</c> and <c>compare</c> share (<c>--scenario</c>, <c>--seeds</c>) and reading their scenario.</summary>
internal sealed class PlanningInput
{
    public PlanningInput()
    {
        // Read from the token: a value that is not an integer is the parser's own error, in the console's words.
        Seeds.Validators.Add(r =>
        {
            if (r.Tokens.Count == 1 && int.TryParse(r.Tokens[0].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var k) && k is < 1 or > SweepSeeds.Max)
            {
                r.AddError(string.Create(CultureInfo.InvariantCulture, $"--seeds: {k} is out of range: allowed 1–{SweepSeeds.Max}"));
            }
        });
    }

    public Option<FileInfo> Scenario { get; } = new("--scenario", "-s") { Description = "Scenario file (JSON)", Required = true };

    public Option<int> Seeds { get; } = new("--seeds")
    {
        Description = string.Create(CultureInfo.InvariantCulture, $"Runs, one per seed: the scenario's seed, seed+1, ... (1–{SweepSeeds.Max}, default {SweepSeeds.Default})"),
        DefaultValueFactory = _ => SweepSeeds.Default,
    };

    public Option<FileInfo> Html { get; } = new("--html")
    {
        Description = "Also write the result as one self-contained HTML file of charts, one per metric (no network needed to open it)",
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Scenario);
        command.Options.Add(Seeds);
        command.Options.Add(Html);
    }

    /// <summary>The scenario file's name as given and its text (one line naming the path when it cannot be read).</summary>
    public (string Name, string Text) ReadText(CliContext context)
    {
        var file = context.Get(Scenario)!.ToString();
        return (file, InputFile.ReadText(file));
    }

    /// <summary>Reads the scenario, with <paramref name="strategy"/> applied when given; a problem is one line naming the file (and the strategy).</summary>
    public static Scenario Read(string name, string text, UpgradeStrategy? strategy = null)
    {
        try
        {
            return ScenarioReader.Read(text, strategy);
        }
        catch (ScenarioException e)
        {
            throw new CliException(strategy is null ? $"{name}: {e.Message}" : $"{name}: strategy '{strategy.Name}': {e.Message}");
        }
    }
}
