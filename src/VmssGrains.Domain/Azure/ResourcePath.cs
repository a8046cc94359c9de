using System.Collections.Immutable;
using System.Globalization;

namespace VmssGrains.Domain.Azure;

/// <summary>
/// A property path as <c>az ... --set/--add/--remove</c> take it: names separated by dots, each followed by any number
/// of list indexes or filters: <c>virtualMachineProfile.extensionProfile.extensions[0].settings.port</c>,
/// <c>zones[-1]</c>, <c>extensions[name=app].settings</c>. <c>a.[0]</c> is read as <c>a[0]</c>, as az does.
/// </summary>
public sealed class ResourcePath
{
    private ResourcePath(ImmutableArray<PathStep> steps) => Steps = steps;

    /// <summary>
    /// The most steps (names, indexes and filters) a path may have: 32. The deepest property of a scale set, an
    /// extension setting, is about ten steps down; a deeper path could only build JSON nested past
    /// <see cref="JsonInput.MaxDepth"/>.
    /// </summary>
    public const int MaxSteps = 32;

    /// <summary>The steps, first to last; never empty, and the first is a name.</summary>
    public ImmutableArray<PathStep> Steps { get; }

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="FormatException">The text is not a path; the message quotes it and says where it goes wrong.</exception>
    public static ResourcePath Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var steps = ImmutableArray.CreateBuilder<PathStep>();
        var i = 0;
        while (true)
        {
            var start = i;
            while (i < text.Length && text[i] is not ('.' or '[' or ']'))
            {
                i++;
            }

            if (i > start)
            {
                steps.Add(PathStep.Property(text[start..i]));
            }
            else if (steps.Count == 0 || i >= text.Length || text[i] != '[')
            {
                throw Bad(text, $"a property name is missing at character {start + 1}");
            }

            for (; i < text.Length && text[i] == '['; i++)
            {
                var close = text.IndexOf(']', i + 1);
                if (close < 0)
                {
                    throw Bad(text, $"the '[' at character {i + 1} is not closed");
                }

                steps.Add(Bracket(text, text[(i + 1)..close]));
                i = close;
            }

            if (steps.Count > MaxSteps)
            {
                throw Bad(text, string.Create(CultureInfo.InvariantCulture, $"it is more than {MaxSteps} steps deep"));
            }

            if (i == text.Length)
            {
                return new ResourcePath(steps.ToImmutable());
            }

            if (text[i] != '.')
            {
                throw Bad(text, $"unexpected '{text[i]}' at character {i + 1}");
            }

            i++;
        }
    }

    /// <summary>The first <paramref name="count"/> steps as a path, e.g. <c>virtualMachineProfile.extensionProfile.extensions[0]</c>.</summary>
    public string Prefix(int count)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var step in Steps.Take(count))
        {
            builder.Append(builder.Length > 0 && step.Name is not null ? "." : "").Append(step);
        }

        return builder.ToString();
    }

    /// <summary>This path followed by <paramref name="step"/>.</summary>
    public ResourcePath Append(PathStep step) => new(Steps.Add(step));

    /// <inheritdoc/>
    public override string ToString() => Prefix(Steps.Length);

    private static PathStep Bracket(string text, string content)
    {
        if (int.TryParse(content, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index))
        {
            return PathStep.At(index);
        }

        var equals = content.IndexOf('=', StringComparison.Ordinal);
        return equals > 0
            ? PathStep.Where(content[..equals], content[(equals + 1)..])
            : throw Bad(text, $"'[{content}]' is neither a list index nor [key=value]");
    }

    /// <summary>The path quoted (control characters escaped, a long one cut to its first 60 characters), then the problem.</summary>
    private static FormatException Bad(string text, string problem) =>
        new($"'{Naming.AzureNames.Quote(text.Length > 80 ? text[..60] + "…" : text)}' is not a property path: {problem}");
}
