using System.Text.RegularExpressions;

namespace VmssGrains.Client.Tests.Fuzzing;

/// <summary>
/// What a fuzzing pass found: inputs accepted, rejected cleanly, and every way a rejection can be unclean — an
/// exception nobody turned into a message, a hang, a .NET type name in the message, a message over several lines, a
/// message that names neither a JSON path nor an option. Each bad outcome keeps its seed so it can be replayed.
/// </summary>
public sealed partial class FuzzTally(string target)
{
    private readonly List<string> samples = [];

    /// <summary>Inputs tried.</summary>
    public int Inputs { get; private set; }

    /// <summary>Inputs the reader accepted.</summary>
    public int Accepted { get; private set; }

    /// <summary>Inputs rejected with one clean line.</summary>
    public int Rejected { get; private set; }

    /// <summary>Exceptions of a type the reader does not promise.</summary>
    public int Unhandled { get; private set; }

    /// <summary>Inputs that did not finish within the time limit.</summary>
    public int Hangs { get; private set; }

    /// <summary>Rejections whose message contains a .NET type name.</summary>
    public int TypeNames { get; private set; }

    /// <summary>Rejections over more than one line.</summary>
    public int MultiLine { get; private set; }

    /// <summary>Rejections that name neither the JSON path nor the option.</summary>
    public int Unnamed { get; private set; }

    /// <summary>True when nothing unclean happened.</summary>
    public bool Clean => Unhandled + Hangs + TypeNames + MultiLine + Unnamed == 0;

    /// <summary>One line of counts.</summary>
    public string Summary =>
        $"{target}: {Inputs} inputs, {Accepted} accepted, {Rejected} rejected cleanly; unhandled {Unhandled}, hangs {Hangs}, type names {TypeNames}, multi-line {MultiLine}, unnamed {Unnamed}";

    /// <summary>The first bad outcomes, with their seeds.</summary>
    public string Samples => string.Join('\n', samples);

    /// <summary>Runs <paramref name="attempt"/> on one input: it returns normally (accepted) or throws.</summary>
    /// <param name="seed">The input's seed.</param>
    /// <param name="attempt">The reader under test.</param>
    /// <param name="clean">True for an exception that is the reader's promised rejection.</param>
    /// <param name="named">True when the rejection's message names the JSON path or option.</param>
    /// <param name="limit">Wall time allowed for one input.</param>
    public void Run(int seed, Action attempt, Func<Exception, bool> clean, Func<string, bool> named, TimeSpan limit)
    {
        Inputs++;
        var task = Task.Run(attempt);
        try
        {
            if (!task.Wait(limit))
            {
                Hangs++;
                Note(seed, $"no answer within {limit.TotalSeconds} s");
                return;
            }

            Accepted++;
        }
        catch (AggregateException wrapped) when (wrapped.InnerException is { } e)
        {
            if (!clean(e))
            {
                Unhandled++;
                Note(seed, $"{e.GetType().Name}: {e.Message}");
                return;
            }

            var message = e.Message;
            var bad = false;
            if (TypeName().IsMatch(message))
            {
                TypeNames++;
                bad = true;
            }

            if (message.Contains('\n', StringComparison.Ordinal) || message.Contains('\r', StringComparison.Ordinal))
            {
                MultiLine++;
                bad = true;
            }

            if (!named(message))
            {
                Unnamed++;
                bad = true;
            }

            if (bad)
            {
                Note(seed, message);
            }
            else
            {
                Rejected++;
            }
        }
    }

    private void Note(int seed, string what)
    {
        if (samples.Count < 12)
        {
            samples.Add($"  seed {seed}: {(what.Length > 400 ? what[..400] + "…" : what)}");
        }
    }

    /// <summary>A .NET type or member name where a person's words should be: <c>System.X</c>, <c>FooException</c>, generic arity.</summary>
    [GeneratedRegex(@"System\.[A-Z]|[A-Za-z]Exception\b|`\d|Nullable|Int32|Int64|Double\b|JsonElement|JsonNode|JsonValueKind")]
    private static partial Regex TypeName();
}
