using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests.Fuzzing;

/// <summary>
/// Deterministic mutations of JSON documents for the input fuzzing: structural edits of the parsed tree (remove,
/// replace, rename, add, duplicate a key, nest deeply) and byte-level damage to the text (truncation, flipped bytes,
/// control characters, invalid UTF-8). One seed gives one mutated input, so a failure is replayed from its seed.
/// </summary>
public sealed class JsonMutator(int seed)
{
    private static readonly string[] Strings =
    [
        "", "x", "PT5M", "P50D", "P99999999D", "PT-5M", "latest", "1.0.0", "Rolling", "Manual", "Flexible", "Automatic",
        "\u0001\u0007ctl", "a b", "ünïcödé", "../../etc/passwd", "2026-13-45T99:99:99Z", "NaN", "1e999", "0x10", "-1",
        "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/loadBalancers/ghost/probes/http",
        "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/ghost/versions/9.9.9",
        new string('a', 5000),
    ];

    private readonly Random random = new(seed);

    /// <summary>The seed (to replay a failure).</summary>
    public int Seed { get; } = seed;

    /// <summary>One to three mutations of <paramref name="document"/>, returned as text (sometimes damaged at the byte level).</summary>
    public byte[] Mutate(JsonNode document)
    {
        var copy = document.DeepClone();
        string? duplicate = null;
        var count = 1 + random.Next(3);
        for (var i = 0; i < count; i++)
        {
            switch (random.Next(9))
            {
                case 0: RemoveMember(copy); break;
                case 1: copy = ReplaceValue(copy); break;
                case 2: RenameMember(copy); break;
                case 3: AddMember(copy); break;
                case 4: duplicate = DuplicateKey(copy); break;
                case 5: EditArray(copy); break;
                case 6: copy = ReplaceValue(copy, deep: true); break;
                case 7: ChangeType(copy); break;
                default: copy = ReplaceValue(copy); break;
            }
        }

        var text = copy?.ToJsonString() ?? "null";
        if (duplicate is not null)
        {
            var at = text.IndexOf('{', StringComparison.Ordinal);
            if (at >= 0)
            {
                text = text.Insert(at + 1, $"\"{duplicate}\":1,\"{duplicate}\":2,");
            }
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        return random.Next(5) == 0 ? DamageBytes(bytes) : bytes;
    }

    /// <summary>Every node of the tree with its parent (null for the root).</summary>
    private static List<(JsonNode Node, JsonNode? Parent, string? Key, int Index)> Nodes(JsonNode? root)
    {
        var list = new List<(JsonNode, JsonNode?, string?, int)>();
        void Walk(JsonNode? node, JsonNode? parent, string? key, int index)
        {
            if (node is null)
            {
                return;
            }

            list.Add((node, parent, key, index));
            switch (node)
            {
                case JsonObject o:
                    foreach (var (k, v) in o.ToList())
                    {
                        Walk(v, o, k, -1);
                    }

                    break;
                case JsonArray a:
                    for (var i = 0; i < a.Count; i++)
                    {
                        Walk(a[i], a, null, i);
                    }

                    break;
            }
        }

        Walk(root, null, null, -1);
        return list;
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private void RemoveMember(JsonNode? root)
    {
        var members = Nodes(root).Where(n => n.Parent is JsonObject).ToList();
        if (members.Count > 0)
        {
            var (_, parent, key, _) = Pick(members);
            ((JsonObject)parent!).Remove(key!);
        }
    }

    private JsonNode? ReplaceValue(JsonNode? root, bool deep = false)
    {
        var nodes = Nodes(root);
        if (nodes.Count == 0)
        {
            return RandomValue(deep);
        }

        var (_, parent, key, index) = Pick(nodes);
        var value = RandomValue(deep);
        switch (parent)
        {
            case JsonObject o: o[key!] = value; return root;
            case JsonArray a: a[index] = value; return root;
            default: return value;
        }
    }

    private void RenameMember(JsonNode? root)
    {
        var members = Nodes(root).Where(n => n.Parent is JsonObject).ToList();
        if (members.Count == 0)
        {
            return;
        }

        var (node, parent, key, _) = Pick(members);
        var o = (JsonObject)parent!;
        o.Remove(key!);
        var renamed = random.Next(3) switch
        {
            0 => key!.ToUpperInvariant(),
            1 => key + "x",
            _ => "unknown" + random.Next(100).ToString(CultureInfo.InvariantCulture),
        };
        o[renamed] = node;
    }

    private void AddMember(JsonNode? root)
    {
        var objects = Nodes(root).Select(n => n.Node).OfType<JsonObject>().ToList();
        if (objects.Count > 0)
        {
            var name = Pick(["seed", "name", "capacity", "at", "kind", "action", "extra", "properties", "simulation", "\u0002"]);
            Pick(objects)[name] = RandomValue(false);
        }
    }

    private string? DuplicateKey(JsonNode? root) =>
        Nodes(root).Where(n => n.Key is not null).Select(n => n.Key!).DefaultIfEmpty("seed").ElementAt(0) is var first && random.Next(2) == 0
            ? first
            : Pick(["seed", "name", "properties", "actions"]);

    private void EditArray(JsonNode? root)
    {
        var arrays = Nodes(root).Select(n => n.Node).OfType<JsonArray>().ToList();
        if (arrays.Count == 0)
        {
            return;
        }

        var array = Pick(arrays);
        switch (random.Next(3))
        {
            case 0 when array.Count > 0: array.RemoveAt(random.Next(array.Count)); break;
            case 1 when array.Count > 0: array.Add(array[random.Next(array.Count)]?.DeepClone()); break;
            default: array.Clear(); break;
        }
    }

    private void ChangeType(JsonNode? root)
    {
        var members = Nodes(root).Where(n => n.Parent is JsonObject && n.Node is JsonObject or JsonArray).ToList();
        if (members.Count > 0)
        {
            var (node, parent, key, _) = Pick(members);
            ((JsonObject)parent!)[key!] = node is JsonObject ? new JsonArray(node.DeepClone()) : new JsonObject { ["x"] = node.DeepClone() };
        }
    }

    private JsonNode? RandomValue(bool deep)
    {
        if (deep)
        {
            JsonNode nested = JsonValue.Create(1);
            var depth = 20 + random.Next(200);
            for (var i = 0; i < depth; i++)
            {
                nested = random.Next(2) == 0 ? new JsonArray(nested) : new JsonObject { ["a"] = nested };
            }

            return nested;
        }

        return random.Next(12) switch
        {
            0 => null,
            1 => JsonValue.Create(random.Next(2) == 0),
            2 => JsonValue.Create(random.Next(-5, 200)),
            3 => JsonValue.Create(1e308),
            4 => JsonValue.Create(-1.5),
            5 => JsonValue.Create(long.MaxValue),
            6 => new JsonArray(),
            7 => new JsonObject(),
            8 => new JsonArray(JsonValue.Create("1"), JsonValue.Create(2)),
            9 => JsonValue.Create(2147483648L),
            _ => JsonValue.Create(Pick(Strings)),
        };
    }

    private byte[] DamageBytes(byte[] bytes)
    {
        if (bytes.Length == 0)
        {
            return [0xFF];
        }

        var list = bytes.ToList();
        switch (random.Next(4))
        {
            case 0: return [.. list.Take(random.Next(bytes.Length))];
            case 1: list[random.Next(list.Count)] = (byte)random.Next(256); break;
            case 2: list.Insert(random.Next(list.Count), (byte)random.Next(1, 32)); break;
            default: list.InsertRange(random.Next(list.Count), [0xC3, 0x28]); break;
        }

        return [.. list];
    }
}
