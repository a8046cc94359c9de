using System.CommandLine;
using VmssGrains.Client.Cli;

namespace VmssGrains.Client.Tests;

/// <summary>
/// Every typed option of every verb, found by walking the command tree (a new option is covered as soon as it exists):
/// a value that does not convert is one line in the user's words, never a .NET type name, exit 2.
/// </summary>
public sealed class TypedOptionErrorTests
{
    /// <summary>Every option whose values are not plain text, with the command line that reaches it.</summary>
    public static TheoryData<string, string> TypedOptions()
    {
        var data = new TheoryData<string, string>();
        foreach (var (path, option) in Walk(CliApp.Build(TextWriter.Null, TextWriter.Null), []))
        {
            var type = OptionValues.ElementType(option.ValueType);
            if (type != typeof(string) && type != typeof(FileInfo))
            {
                data.Add(string.Join(' ', path), option.Name);
            }
        }

        return data;
    }

    [Fact]
    public void TheTree_HasTypedOptionsOfEveryKindTheConsoleUses_AndEachHasWords()
    {
        var types = Walk(CliApp.Build(TextWriter.Null, TextWriter.Null), []).Select(p => OptionValues.ElementType(p.Option.ValueType)).Distinct().ToList();
        Assert.Superset(new HashSet<Type> { typeof(int), typeof(long), typeof(double), typeof(bool) }, types.Where(t => t != typeof(string) && t != typeof(FileInfo)).ToHashSet());
        Assert.All(types.Where(t => t != typeof(string)), t => Assert.DoesNotContain("of type", OptionValues.Expected(t), StringComparison.Ordinal));
        Assert.True(TypedOptions().Count >= 15, $"only {TypedOptions().Count} typed options found");
    }

    [Theory]
    [MemberData(nameof(TypedOptions))]
    public async Task ValueThatDoesNotConvert_IsOneLineInTheUsersWords(string command, string option)
    {
        var root = CliApp.Build(TextWriter.Null, TextWriter.Null);
        var path = command.Split(' ');
        var verb = path.Aggregate((Command)root, (c, name) => c.Subcommands.Single(s => s.Name == name));
        var target = verb.Options.Single(o => o.Name == option);
        var required = verb.Options.Where(o => o.Required && o != target).SelectMany(o => new[] { o.Name, Valid(o) });

        var result = await Cli.RunAsync([.. path, .. required, $"{option}=abc"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {option}: 'abc' is not {OptionValues.Expected(target.ValueType)} (see --help)", result.ErrorLine);
        Assert.DoesNotContain("System.", result.Err, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("simulate", "--seed", "abc", "an integer")]
    [InlineData("scale -n web", "--new-capacity", "x", "an integer in -2147483648–2147483647")]
    [InlineData("create -n web", "--instance-count", "99999999999", "an integer in -2147483648–2147483647")]
    [InlineData("lb configure -n lb", "--requests-per-second", "lots", "a number")]
    [InlineData("fault unhealthy -n web --instance-ids 0", "--heal", "maybe", "true or false")]
    [InlineData("list-instances -n web", "--latest-model-applied", "perhaps", "true or false")]
    public async Task TheIssuesExamples_SayWhatTheValueShouldBe(string command, string option, string value, string expected)
    {
        var result = await Cli.RunAsync([.. command.Split(' '), option, value]);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {option}: '{value}' is not {expected} (see --help)", result.ErrorLine);
    }

    private static string Valid(Option option) =>
        OptionValues.ElementType(option.ValueType) == typeof(string) ? "x" : "1";

    private static IEnumerable<(string[] Path, Option Option)> Walk(Command command, string[] path)
    {
        foreach (var option in command.Options.Where(o => o is not (System.CommandLine.Help.HelpOption or VersionOption)))
        {
            yield return (path, option);
        }

        foreach (var sub in command.Subcommands)
        {
            foreach (var found in Walk(sub, [.. path, sub.Name]))
            {
                yield return found;
            }
        }
    }
}
