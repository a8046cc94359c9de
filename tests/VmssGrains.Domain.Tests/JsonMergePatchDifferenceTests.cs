using System.Text.Json.Nodes;
using CsCheck;
using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.Tests;

public class JsonMergePatchDifferenceTests
{
    private static JsonNode? Parse(string json) => JsonNode.Parse(json, ScaleSetModelReader.NodeOptions);

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(Parse(expected), actual), $"expected {expected}, got {actual?.ToJsonString() ?? "null"}");

    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"b"}""", """{}""")]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":"b","b":"c"}""", """{"b":"c"}""")]
    [InlineData("""{"a":"b","b":"c"}""", """{"b":"c"}""", """{"a":null}""")]
    [InlineData("""{"a":{"b":"c","d":1}}""", """{"a":{"b":"e","d":1}}""", """{"a":{"b":"e"}}""")]
    [InlineData("""{"a":{"b":"c"}}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":[1,{"b":2}]}""", """{"a":[1,{"b":3}]}""", """{"a":[1,{"b":3}]}""")]
    [InlineData("""{"a":[1,2]}""", """{"a":[1,2]}""", """{}""")]
    [InlineData("""{"e":null,"a":1}""", """{"a":1}""", """{}""")]
    [InlineData("""{"a":1}""", """{"a":1,"e":null}""", """{}""")]
    [InlineData("""{"a":1}""", """{"a":null}""", """{"a":null}""")]
    [InlineData("""{"Mode":"Manual"}""", """{"mode":"Manual"}""", """{}""")]
    [InlineData("""["a"]""", """{"a":1}""", """{"a":1}""")]
    [InlineData("""{"a":1}""", """["a"]""", """["a"]""")]
    public void Difference_GivesTheSmallestMergePatch(string original, string edited, string patch)
    {
        AssertJson(patch, JsonMergePatch.Difference(Parse(original), Parse(edited)));
    }

    [Fact]
    public void Difference_Inputs_AreLeftUnchangedAndShareNoNodeWithThePatch()
    {
        var original = Parse("""{"a":{"b":"c"},"x":1}""");
        var edited = Parse("""{"a":{"b":"d"},"n":{"deep":[1]}}""");

        var patch = JsonMergePatch.Difference(original, edited)!;
        patch["n"]!["deep"]![0] = 2;

        AssertJson("""{"a":{"b":"c"},"x":1}""", original);
        AssertJson("""{"a":{"b":"d"},"n":{"deep":[1]}}""", edited);
    }

    private static readonly Gen<JsonNode?> Scalar = Gen.OneOf<JsonNode?>(
        Gen.Int[0, 3].Select(i => (JsonNode?)JsonValue.Create(i)),
        Gen.OneOf("x", "y").Select(s => (JsonNode?)JsonValue.Create(s)),
        Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b)));

    private static Gen<JsonNode?> Tree(int depth) => depth == 0
        ? Scalar
        : Gen.Frequency(
            (2, Scalar),
            (1, Gen.Int[0, 2].SelectMany(n => Tree(depth - 1).Array[n]).Select(items => (JsonNode?)new JsonArray([.. items.Select(i => i?.DeepClone())]))),
            (3, Object(depth)));

    private static Gen<JsonNode?> Object(int depth) =>
        Gen.OneOf("a", "b", "c", "d").HashSet[0, 4].SelectMany(keys =>
            Tree(depth - 1).Array[keys.Count].Select(values =>
            {
                var obj = new JsonObject(ScaleSetModelReader.NodeOptions);
                foreach (var (key, value) in keys.Zip(values))
                {
                    obj[key] = value?.DeepClone();
                }

                return (JsonNode?)obj;
            }));

    [Fact]
    public void Difference_AppliedToTheOriginal_GivesTheEdited()
    {
        Gen.Select(Object(3), Object(3)).Sample(
            (original, edited) => JsonNode.DeepEquals(JsonMergePatch.Apply(original, JsonMergePatch.Difference(original, edited)), edited),
            iter: 500);
    }
}
