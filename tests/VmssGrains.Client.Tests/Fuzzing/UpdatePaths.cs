using System.Globalization;
using System.Text.Json.Nodes;
using VmssGrains.Domain.Azure;

namespace VmssGrains.Client.Tests.Fuzzing;

/// <summary>
/// Random <c>--set</c>/<c>--add</c>/<c>--remove</c> operations over a resource: paths that exist (in REST or az's
/// flattened form), then damaged ones — a typo, an index out of range or negative, a filter, an empty segment, a path
/// thousands of levels deep, control characters — with values of every kind.
/// </summary>
public static class UpdatePaths
{
    private static readonly string[] Values =
    [
        "1", "0", "-1", "100", "101", "true", "false", "null", "Manual", "Rolling", "PT5M", "P50D", "\"quoted\"", "{}", "[]",
        "{\"mode\":\"Manual\"}", "[1,2]", "abc", "\u0001", "1e400", "{", "[", new string('x', 3000),
    ];

    /// <summary>One operation.</summary>
    public static GenericUpdateOperation Operation(JsonObject resource, Random random)
    {
        var path = Path(resource, random);
        var value = Values[random.Next(Values.Length)];
        return random.Next(6) switch
        {
            0 => GenericUpdateOperation.Add(path, value),
            1 => GenericUpdateOperation.Add(path, $"name={value}", "type=x"),
            2 => GenericUpdateOperation.Remove(path),
            3 => GenericUpdateOperation.Remove(path, random.Next(-2, 4).ToString(CultureInfo.InvariantCulture)),
            _ => GenericUpdateOperation.Set($"{path}={value}"),
        };
    }

    private static string Path(JsonObject resource, Random random)
    {
        var segments = new List<string>();
        JsonNode? node = resource;
        var length = 1 + random.Next(7);
        for (var i = 0; i < length && node is not null; i++)
        {
            switch (node)
            {
                case JsonObject o when o.Count > 0:
                    var (key, value) = o.ElementAt(random.Next(o.Count));
                    segments.Add(key);
                    node = value;
                    break;
                case JsonArray a:
                    var index = random.Next(-1, a.Count + 2);
                    segments[^1] += $"[{index}]";
                    node = index >= 0 && index < a.Count ? a[index] : null;
                    break;
                default:
                    node = null;
                    break;
            }
        }

        if (segments.Count == 0)
        {
            segments.Add("properties");
        }

        if (random.Next(4) == 0 && segments[0] == "properties" && segments.Count > 1)
        {
            segments.RemoveAt(0); // az's flattened form
        }

        switch (random.Next(10))
        {
            case 0: segments[random.Next(segments.Count)] += "x"; break;
            case 1: segments.Add(""); break;
            case 2: return string.Join('.', Enumerable.Repeat("properties", 2000));
            case 3: segments[^1] += "[name=app]"; break;
            case 4: segments[^1] += "["; break;
            case 5: segments.Insert(random.Next(segments.Count), "\u0007"); break;
            case 6: segments[^1] += "[99999999999999999999]"; break;
        }

        return string.Join('.', segments);
    }
}
