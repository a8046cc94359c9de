using System.Text.Json.Nodes;
using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.Tests;

public class JsonMergePatchTests
{
    private static JsonNode? Parse(string json) => JsonNode.Parse(json);

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(Parse(expected), actual), $"expected {expected}, got {actual?.ToJsonString() ?? "null"}");

    // The examples of RFC 7386, appendix A.
    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [InlineData("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [InlineData("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""")]
    [InlineData("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [InlineData("""{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""")]
    [InlineData("""["a","b"]""", """["c","d"]""", """["c","d"]""")]
    [InlineData("""{"a":"b"}""", """["c"]""", """["c"]""")]
    [InlineData("""{"a":"foo"}""", "\"bar\"", "\"bar\"")]
    [InlineData("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    [InlineData("""[1,2]""", """{"a":"b","c":null}""", """{"a":"b"}""")]
    [InlineData("""{}""", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    public void Apply_Rfc7386Examples_ProduceTheRfcResult(string target, string patch, string expected)
    {
        var result = JsonMergePatch.Apply(Parse(target), Parse(patch));

        AssertJson(expected, result);
    }

    [Fact]
    public void Apply_NullPatch_ReturnsNull()
    {
        Assert.Null(JsonMergePatch.Apply(Parse("""{"a":"foo"}"""), null));
    }

    [Fact]
    public void Apply_NestedObjects_MergeMemberByMember()
    {
        var target = Parse("""{"properties":{"upgradePolicy":{"mode":"Manual"},"overprovision":true}}""");

        var result = JsonMergePatch.Apply(target, Parse("""{"properties":{"upgradePolicy":{"mode":"Rolling"}}}"""));

        AssertJson("""{"properties":{"upgradePolicy":{"mode":"Rolling"},"overprovision":true}}""", result);
    }

    [Fact]
    public void Apply_ArrayInPatch_ReplacesWholeArray()
    {
        var target = Parse("""{"zones":["1","2","3"]}""");

        var result = JsonMergePatch.Apply(target, Parse("""{"zones":["2"]}"""));

        AssertJson("""{"zones":["2"]}""", result);
    }

    [Fact]
    public void Apply_Inputs_AreLeftUnchanged()
    {
        const string targetText = """{"a":{"b":"c","keep":[1,2]},"x":1}""";
        const string patchText = """{"a":{"b":null,"n":{"deep":true}},"x":null,"y":[3]}""";
        var target = Parse(targetText);
        var patch = Parse(patchText);

        JsonMergePatch.Apply(target, patch);

        AssertJson(targetText, target);
        AssertJson(patchText, patch);
    }

    [Fact]
    public void Apply_Result_SharesNoNodeWithInputs()
    {
        var target = Parse("""{"a":{"b":"c"}}""");
        var patch = Parse("""{"n":{"deep":true}}""");

        var result = JsonMergePatch.Apply(target, patch)!;
        result["a"]!["b"] = "changed";
        result["n"]!["deep"] = false;

        AssertJson("""{"a":{"b":"c"}}""", target);
        AssertJson("""{"n":{"deep":true}}""", patch);
    }

    [Fact]
    public void Apply_PatchWithUnchangedValue_KeepsProfileFingerprint()
    {
        var resource = ScaleSetModelReader.ParseObject("""
            {
              "sku": { "capacity": 2 },
              "properties": {
                "upgradePolicy": { "mode": "Manual" },
                "virtualMachineProfile": {
                  "storageProfile": { "imageReference": { "publisher": "Canonical", "offer": "ubuntu", "sku": "server", "version": "1.0.0" } },
                  "osProfile": { "computerNamePrefix": "web" }
                }
              }
            }
            """);
        var patch = ScaleSetModelReader.ParseObject("""{ "properties": { "virtualMachineProfile": { "storageProfile": { "imageReference": { "version": "1.0.0" } } } } }""");
        var before = ScaleSetModelReader.Read("vmss1", resource, out _)!;

        var after = ScaleSetModelReader.Read("vmss1", (JsonObject)JsonMergePatch.Apply(resource, patch)!, out _)!;

        Assert.Equal(before.ProfileFingerprint, after.ProfileFingerprint);
    }
}
