using System.Text.Json;
using VmssGrains.Domain.Azure;
using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.Tests;

/// <summary>User JSON: duplicate properties named by their path, nesting depth, the --set path depth.</summary>
public class JsonInputTests
{
    [Fact]
    public void DuplicateProperty_IsRefusedAtThePathOfTheSecond()
    {
        var e = Assert.Throws<DuplicatePropertyException>(() => JsonInput.Parse("{ \"a\": [ {}, { \"b\": { \"mode\": 1,\n \"mode\": 2 } } ] }", caseInsensitive: false));
        Assert.Equal("$.a[1].b.mode", e.JsonPath);
        Assert.Equal("duplicate property 'mode' at line 2, column 2: the object already has it at line 1, column 23; name each property once", e.Problem);
    }

    [Fact]
    public void DuplicateProperty_InAnotherCase_IsADuplicateForAzureResourcesOnly()
    {
        const string json = "{ \"properties\": { \"upgradePolicy\": { \"mode\": \"Manual\", \"Mode\": \"Rolling\" } } }";
        var e = Assert.Throws<DuplicatePropertyException>(() => JsonInput.Parse(json, caseInsensitive: true));
        Assert.Equal("$.properties.upgradePolicy.Mode", e.JsonPath);
        Assert.Equal("duplicate property 'Mode' at line 1, column 56: the object already has 'mode' at line 1, column 38 (Azure property names ignore case); name each property once", e.Problem);
        Assert.Equal("Rolling", JsonInput.Parse(json, caseInsensitive: false)!["properties"]!["upgradePolicy"]!["Mode"]!.GetValue<string>());
    }

    [Fact]
    public void DuplicateProperty_AtTheTopAndWithAnOddKey_IsNamedInBrackets()
    {
        Assert.Equal("$.seed", Assert.Throws<DuplicatePropertyException>(() => JsonInput.Parse("{\"seed\":1,\"seed\":2}", false)).JsonPath);
        Assert.Equal("$.tags['a b']", Assert.Throws<DuplicatePropertyException>(() => JsonInput.Parse("{\"tags\":{\"a b\":1,\"a b\":2}}", false)).JsonPath);
    }

    [Fact]
    public void SameNameInSiblingObjects_IsNoDuplicate()
    {
        var node = JsonInput.Parse("[ { \"name\": \"a\" }, { \"name\": \"b\" } ]", caseInsensitive: true);
        Assert.Equal("b", node![1]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Nesting_UpToTheMaximum_IsTaken_OneMoreIsRefused()
    {
        var deepest = new string('[', JsonInput.MaxDepth) + new string(']', JsonInput.MaxDepth);
        Assert.NotNull(JsonInput.Parse(deepest, false));
        var tooDeep = new string('[', JsonInput.MaxDepth + 1) + new string(']', JsonInput.MaxDepth + 1);
        var e = Assert.ThrowsAny<JsonException>(() => JsonInput.Parse(tooDeep, false));
        Assert.StartsWith("The maximum configured depth of 64 has been exceeded.", e.Message, StringComparison.Ordinal);
        Assert.Equal(64, e.BytePositionInLine);
    }

    [Fact]
    public void ResourcePath_DeeperThanTheMaximum_IsRefused_TheMaximumIsTaken()
    {
        Assert.Equal(ResourcePath.MaxSteps, ResourcePath.Parse(string.Join('.', Enumerable.Repeat("a", ResourcePath.MaxSteps))).Steps.Length);
        var e = Assert.Throws<FormatException>(() => ResourcePath.Parse(string.Join('.', Enumerable.Repeat("a", 2000))));
        Assert.Equal($"'{string.Concat(Enumerable.Repeat("a.", 30))}…' is not a property path: it is more than 32 steps deep", e.Message);
    }

    [Fact]
    public void SetValue_WithADuplicateProperty_IsRefused_OtherTextIsAString()
    {
        var e = Assert.Throws<FormatException>(() => GenericUpdate.ParseValue("{\"port\":80,\"port\":81}"));
        Assert.Equal("'{\"port\":80,\"port\":81}': $.port: duplicate property 'port' at line 1, column 12: the object already has it at line 1, column 2; name each property once", e.Message);
        Assert.Equal("{port:80", GenericUpdate.ParseValue("{port:80")!.GetValue<string>());
    }

    [Fact]
    public void ResourceParse_WithADuplicateProperty_IsAJsonException()
    {
        var e = Assert.ThrowsAny<JsonException>(() => ScaleSetModelReader.ParseObject("{\"sku\":{\"capacity\":1,\"Capacity\":2}}"));
        Assert.StartsWith("$.sku.Capacity: duplicate property 'Capacity'", e.Message, StringComparison.Ordinal);
    }
}
