using System.Text.Json;
using System.Text.Json.Nodes;
using VmssGrains.Abstractions.Json;

namespace VmssGrains.Domain.Tests;

/// <summary>How a JSON syntax error reads: one line, positions from 1, nothing a terminal would act on.</summary>
public sealed class JsonErrorsTests
{
    private static string Describe(string json)
    {
        var error = Assert.ThrowsAny<JsonException>(() => JsonNode.Parse(json));
        return JsonErrors.Describe(error);
    }

    [Fact]
    public void Describe_InvalidLiteralWithANewlineAndABell_IsOneLineWithEscapes()
    {
        var message = Describe("{\"a\": fal\nse\u0007}");

        Assert.DoesNotContain('\n', message);
        Assert.DoesNotContain('\u0007', message);
        Assert.StartsWith("not valid JSON at line 1, column 10: ", message, StringComparison.Ordinal);
        Assert.Contains("\\u000A", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_AVeryLongQuotedLiteral_IsCut()
    {
        var message = Describe("{\"a\": fal\u0001se, \"b\": \"" + new string('x', 5000) + "\"}");

        Assert.True(message.Length < 400, message);
        Assert.EndsWith("…", message, StringComparison.Ordinal);
    }
}
