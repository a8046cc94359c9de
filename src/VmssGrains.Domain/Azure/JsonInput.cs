using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace VmssGrains.Domain.Azure;

/// <summary>
/// The one way the simulator parses JSON a user wrote (scenario files, resource files, <c>--patch</c>, <c>--set</c>
/// values, resource bodies sent to a grain): comments skipped, at most <see cref="MaxDepth"/> levels of nesting, and
/// no object naming a property twice. Azure resources compare property names ignoring case (PowerShell prints
/// PascalCase), so there <c>mode</c> and <c>Mode</c> are the same property twice; scenario files compare them exactly.
/// </summary>
public static class JsonInput
{
    /// <summary>
    /// The deepest nesting of objects and lists accepted: 64, System.Text.Json's default and far beyond any Azure
    /// resource (a scale set's deepest property, an extension's settings, sits about ten levels down).
    /// </summary>
    public const int MaxDepth = 64;

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <param name="text">The JSON text.</param>
    /// <param name="caseInsensitive">True for Azure resources: property names match ignoring case, in lookups and in the duplicate check.</param>
    /// <exception cref="JsonException">Not valid JSON, or nested deeper than <see cref="MaxDepth"/> (line and position set).</exception>
    /// <exception cref="DuplicatePropertyException">An object names a property twice (the path of the second one).</exception>
    public static JsonNode? Parse(string text, bool caseInsensitive)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        CheckDuplicates(bytes, caseInsensitive ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        return JsonNode.Parse(
            bytes,
            new JsonNodeOptions { PropertyNameCaseInsensitive = caseInsensitive },
            new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = MaxDepth });
    }

    /// <summary>One pass over the tokens: every object's property names, compared with <paramref name="comparer"/>.</summary>
    private static void CheckDuplicates(byte[] bytes, StringComparer comparer)
    {
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = MaxDepth });
        var frames = new Stack<Frame>();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject or JsonTokenType.StartArray:
                    if (frames.TryPeek(out var parent) && parent.Names is null)
                    {
                        parent.Index++;
                    }

                    frames.Push(new Frame(reader.TokenType == JsonTokenType.StartObject ? new Dictionary<string, long>(comparer) : null, Path(frames)));
                    break;
                case JsonTokenType.EndObject or JsonTokenType.EndArray:
                    frames.Pop();
                    break;
                case JsonTokenType.PropertyName:
                    var frame = frames.Peek();
                    var name = reader.GetString()!;
                    frame.Current = name;
                    if (frame.Names!.TryGetValue(name, out var first))
                    {
                        var (line, column) = Position(bytes, reader.TokenStartIndex);
                        var (firstLine, firstColumn) = Position(bytes, first);
                        var firstName = Key(bytes, first);
                        var sameCase = string.Equals(firstName, name, StringComparison.Ordinal);
                        var earlier = sameCase ? "it" : $"'{Naming.AzureNames.Quote(firstName)}'";
                        throw new DuplicatePropertyException(
                            Path(frames),
                            string.Create(CultureInfo.InvariantCulture, $"duplicate property '{Naming.AzureNames.Quote(name)}' at line {line + 1}, column {column + 1}: the object already has {earlier} at line {firstLine + 1}, column {firstColumn + 1}{(sameCase ? "" : " (Azure property names ignore case)")}; name each property once"),
                            line,
                            column);
                    }

                    frame.Names[name] = reader.TokenStartIndex;
                    break;
                default:
                    if (frames.TryPeek(out var list) && list.Names is null)
                    {
                        list.Index++;
                    }

                    break;
            }
        }
    }

    /// <summary>The property name whose opening quote is at <paramref name="start"/>.</summary>
    private static string Key(byte[] bytes, long start)
    {
        var reader = new Utf8JsonReader(bytes.AsSpan((int)start), new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        return reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString()! : "?";
    }

    /// <summary>0-based line and byte column of <paramref name="index"/>.</summary>
    private static (long Line, long Column) Position(byte[] bytes, long index)
    {
        long line = 0, lineStart = 0;
        for (var i = 0; i < index; i++)
        {
            if (bytes[i] == (byte)'\n')
            {
                line++;
                lineStart = i + 1;
            }
        }

        return (line, index - lineStart);
    }

    /// <summary>The JSON path of the value the innermost frame is at: <c>$</c>, <c>$.a</c>, <c>$.a[2]</c>, <c>$['odd key']</c>.</summary>
    private static string Path(Stack<Frame> frames)
    {
        if (!frames.TryPeek(out var top))
        {
            return "$";
        }

        return top.Names is null
            ? string.Create(CultureInfo.InvariantCulture, $"{top.Path}[{top.Index - 1}]")
            : top.Path + Member(top.Current ?? "");
    }

    private static string Member(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '$' or '@')
            ? $".{name}"
            : $"['{Naming.AzureNames.Quote(name.Replace("'", "\\'", StringComparison.Ordinal))}']";

    /// <summary>An object (with its names so far and the current one) or a list (with the index of its last element).</summary>
    private sealed class Frame(Dictionary<string, long>? names, string path)
    {
        public Dictionary<string, long>? Names { get; } = names;

        public string Path { get; } = path;

        public string? Current { get; set; }

        public int Index { get; set; }
    }
}
