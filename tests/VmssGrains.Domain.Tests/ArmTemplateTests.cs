using System.Text.Json.Nodes;
using VmssGrains.Domain.Azure;
using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.Tests;

/// <summary>The ARM template evaluator behind <see cref="AzureDocuments.ScaleSets(JsonObject)"/>, one language feature per test.</summary>
public class ArmTemplateTests
{
    private const string Group = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/vmss-sim";

    private static JsonObject Template(string properties, string variables = "{}", string parameters = "{}", string extra = "") =>
        ScaleSetModelReader.ParseObject($$"""
            {
              "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
              "contentVersion": "1.0.0.0",
              "parameters": {{parameters}},
              "variables": {{variables}},
              "resources": [
                { "type": "Microsoft.Network/loadBalancers", "name": "[reference('not evaluated')]" },
                { "type": "Microsoft.Compute/virtualMachineScaleSets", "apiVersion": "2024-07-01", "name": "vmss1",
                  "dependsOn": [ "[reference('not evaluated either')]" ], {{extra}}
                  "properties": {{properties}} }
              ]
            }
            """);

    /// <summary>The properties of the template's one scale set, evaluated.</summary>
    private static JsonObject Evaluate(JsonObject template, Dictionary<string, JsonNode?>? parameters = null) =>
        Assert.Single(AzureDocuments.ScaleSets(template, "t.json", parameters)).Resource["properties"]!.AsObject();

    private static string Text(JsonObject properties, string name) => properties[name]!.GetValue<string>();

    [Fact]
    public void Evaluate_StringLiterals_UnescapeDoubledQuotesAndTheBracketEscape()
    {
        var p = Evaluate(Template("""{ "a": "[concat('it''s', ' ok')]", "b": "[[not an expression]", "c": "plain", "d": "[[" }"""));

        Assert.Equal("it's ok", Text(p, "a"));
        Assert.Equal("[not an expression]", Text(p, "b"));
        Assert.Equal("plain", Text(p, "c"));
        Assert.Equal("[", Text(p, "d"));
    }

    [Fact]
    public void Evaluate_ResourceMembers_DropsDeploymentMembersAndKeepsTheResource()
    {
        var resource = Assert.Single(AzureDocuments.ScaleSets(Template("{}"))).Resource;

        Assert.Equal(["type", "name", "properties"], resource.Select(p => p.Key));
        Assert.Equal("resources[1]", AzureDocuments.ScaleSets(Template("{}"))[0].Source);
    }

    [Fact]
    public void Evaluate_PropertyAccess_ReadsNestedMembersAndIndexes()
    {
        var p = Evaluate(Template(
            """{ "location": "[resourceGroup().location]", "group": "[resourceGroup()['name']]", "inner": "[variables('obj').inner['key']]", "second": "[variables('list')[1]]", "sub": "[subscription().subscriptionId]" }""",
            variables: """{ "obj": { "inner": { "key": "[toUpper('value')]" } }, "list": [ "x", "y" ] }"""));

        Assert.Equal("eastus", Text(p, "location"));
        Assert.Equal("vmss-sim", Text(p, "group"));
        Assert.Equal("VALUE", Text(p, "inner"));
        Assert.Equal("y", Text(p, "second"));
        Assert.Equal("00000000-0000-0000-0000-000000000000", Text(p, "sub"));
    }

    [Fact]
    public void Evaluate_VariablesAndParameters_ResolveCaseInsensitivelyThroughOtherExpressions()
    {
        // Templates in the wild mix cases: manualrolling.json defines "lbID" and reads variables('lbId').
        var p = Evaluate(Template(
            """{ "id": "[concat(variables('LBid'), '/probes/', parameters('PROBE'))]", "image": "[variables('imageReference')]" }""",
            variables: """{ "lbName": "[concat(parameters('prefix'), 'lb')]", "lbID": "[resourceId('Microsoft.Network/loadBalancers', variables('lbName'))]", "imageReference": { "publisher": "[parameters('prefix')]", "version": "latest" } }""",
            parameters: """{ "prefix": { "type": "string", "defaultValue": "web" }, "probe": { "type": "string", "defaultValue": "http" } }"""));

        Assert.Equal($"{Group}/providers/Microsoft.Network/loadBalancers/weblb/probes/http", Text(p, "id"));
        Assert.Equal("""{"publisher":"web","version":"latest"}""", p["image"]!.ToJsonString());
    }

    [Fact]
    public void Evaluate_SuppliedParameter_WinsOverTheDefaultAndKeepsItsType()
    {
        var template = Template("""{ "count": "[parameters('count')]", "flag": "[parameters('flag')]" }""",
            parameters: """{ "count": { "type": "int", "defaultValue": 2 }, "flag": { "type": "bool", "defaultValue": false } }""");

        var p = Evaluate(template, new Dictionary<string, JsonNode?> { ["COUNT"] = 7 });

        Assert.Equal(7, p["count"]!.GetValue<int>());
        Assert.False(p["flag"]!.GetValue<bool>());
    }

    [Fact]
    public void Evaluate_StringBooleansAndNumbers_StayStrings()
    {
        var p = Evaluate(Template("""{ "overprovision": "true", "percent": "0", "s": "[string(3)]", "t": "[string(true)]", "o": "[string(json('{\"a\":1}'))]" }"""));

        Assert.Equal("true", Text(p, "overprovision"));
        Assert.Equal("0", Text(p, "percent"));
        Assert.Equal("3", Text(p, "s"));
        Assert.Equal("True", Text(p, "t"));
        Assert.Equal("""{"a":1}""", Text(p, "o"));
    }

    [Fact]
    public void Evaluate_ConversionsAndLogic_FollowTheTemplateFunctions()
    {
        var p = Evaluate(Template("""
            { "int": "[int('42')]", "json": "[json('{\"mode\":\"Rolling\"}').mode]", "if": "[if(equals(parameters('env'), 'prod'), 'Rolling', 'Manual')]",
              "not": "[not(equals(1, 2))]", "and": "[and(true, or(false, true))]", "lower": "[toLower('ABC')]", "sub": "[substring('abcdef', 1, 3)]",
              "arr": "[concat(variables('a'), variables('b'))]", "num": -5 }
            """,
            variables: """{ "a": [ 1 ], "b": [ 2, 3 ] }""",
            parameters: """{ "env": { "type": "string", "defaultValue": "prod" } }"""));

        Assert.Equal(42, p["int"]!.GetValue<long>());
        Assert.Equal("Rolling", Text(p, "json"));
        Assert.Equal("Rolling", Text(p, "if"));
        Assert.True(p["not"]!.GetValue<bool>());
        Assert.True(p["and"]!.GetValue<bool>());
        Assert.Equal("abc", Text(p, "lower"));
        Assert.Equal("bcd", Text(p, "sub"));
        Assert.Equal("[1,2,3]", p["arr"]!.ToJsonString());
        Assert.Equal(-5, p["num"]!.GetValue<int>());
    }

    [Fact]
    public void Evaluate_ResourceId_InterleavesTypeSegmentsAndNames()
    {
        var p = Evaluate(Template("""
            { "one": "[resourceId('Microsoft.Network/loadBalancers/', 'lb')]",
              "two": "[resourceId('Microsoft.Network/loadBalancers/probes', 'lb', 'http')]",
              "group": "[resourceId('other-rg', 'Microsoft.Network/virtualNetworks/subnets', 'vnet', 'default')]",
              "sub": "[resourceId('11111111-1111-1111-1111-111111111111', 'rg2', 'Microsoft.Compute/galleries/images', 'g', 'web')]" }
            """));

        Assert.Equal($"{Group}/providers/Microsoft.Network/loadBalancers/lb", Text(p, "one"));
        Assert.Equal($"{Group}/providers/Microsoft.Network/loadBalancers/lb/probes/http", Text(p, "two"));
        Assert.Equal("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/other-rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/default", Text(p, "group"));
        Assert.Equal("/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg2/providers/Microsoft.Compute/galleries/g/images/web", Text(p, "sub"));
    }

    [Fact]
    public void Evaluate_UriAndDeployment_ResolveAgainstTheSimulatedTemplateLink()
    {
        var p = Evaluate(Template("""
            { "a": "[uri('https://example.com/scripts/', 'install.sh')]", "b": "[uri('https://example.com/scripts/main.json', 'install.sh?sv=1')]",
              "c": "[uri(deployment().properties.templateLink.uri, 'x.sh')]" }
            """));

        Assert.Equal("https://example.com/scripts/install.sh", Text(p, "a"));
        Assert.Equal("https://example.com/scripts/install.sh?sv=1", Text(p, "b"));
        Assert.Equal("https://vmss-sim.invalid/templates/x.sh", Text(p, "c"));
    }

    [Fact]
    public void Evaluate_UniqueString_IsStableThirteenBase32Characters()
    {
        var p = Evaluate(Template("""{ "a": "[uniqueString(resourceGroup().id)]", "b": "[uniqueString(resourceGroup().id)]", "c": "[uniqueString('other')]" }"""));

        Assert.Matches("^[a-z2-7]{13}$", Text(p, "a"));
        Assert.Equal(Text(p, "a"), Text(p, "b"));
        Assert.NotEqual(Text(p, "a"), Text(p, "c"));
        Assert.Equal("v2", Text(p, "a")[..2]); // pinned: azuredeploy.json's load balancer is named "repairs" + these two
    }

    [Fact]
    public void Evaluate_CopyLoop_GivesOneScaleSetPerIndex()
    {
        var template = Template("""{ "index": "[copyIndex()]", "fromOne": "[copyIndex('sets', 1)]" }""",
            extra: """ "copy": { "name": "sets", "count": "[parameters('n')]" }, """,
            parameters: """{ "n": { "type": "int", "defaultValue": 2 } }""");
        template["resources"]![1]!["name"] = "[concat('vmss', copyIndex())]";

        var found = AzureDocuments.ScaleSets(template);

        Assert.Equal(["resources[1] (copy index 0)", "resources[1] (copy index 1)"], found.Select(f => f.Source));
        Assert.Equal(["vmss0", "vmss1"], found.Select(f => f.SuggestedName));
        Assert.Equal([0L, 1L], found.Select(f => f.Resource["properties"]!["index"]!.GetValue<long>()));
        Assert.Equal([1L, 2L], found.Select(f => f.Resource["properties"]!["fromOne"]!.GetValue<long>()));
    }

    [Fact]
    public void Evaluate_FalseCondition_SkipsTheResource()
    {
        var template = Template("{}", extra: """ "condition": "[equals(parameters('deploy'), 'yes')]", """,
            parameters: """{ "deploy": { "type": "string", "defaultValue": "no" } }""");

        Assert.Empty(AzureDocuments.ScaleSets(template));
        Assert.Single(AzureDocuments.ScaleSets(template, null, new Dictionary<string, JsonNode?> { ["deploy"] = "yes" }));
    }

    [Fact]
    public void Evaluate_UnsupportedFunction_NamesTheFunctionAndThePath()
    {
        var template = Template("""{ "virtualMachineProfile": { "osProfile": { "adminPassword": "[reference('kv').secret]" } } }""");

        var error = Assert.Throws<AzureDocumentException>(() => AzureDocuments.ScaleSets(template));

        Assert.Equal("reference", error.Function);
        Assert.Equal("resources[1].properties.virtualMachineProfile.osProfile.adminPassword", error.Path);
        Assert.StartsWith("resources[1].properties.virtualMachineProfile.osProfile.adminPassword: the template function 'reference' is not supported", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_UnsupportedFunctionInAVariable_NamesTheVariablesPath()
    {
        var template = Template("""{ "x": "[variables('name')]" }""", variables: """{ "name": "[concat('a', padLeft('1', 3, '0'))]" }""");

        var error = Assert.Throws<AzureDocumentException>(() => AzureDocuments.ScaleSets(template));

        Assert.Equal("padLeft", error.Function);
        Assert.Equal("variables.name", error.Path);
    }

    [Fact]
    public void Evaluate_ParameterWithoutValue_AsksForIt()
    {
        var template = Template("""{ "x": "[parameters('adminPassword')]" }""", parameters: """{ "adminPassword": { "type": "securestring" } }""");

        var error = Assert.Throws<AzureDocumentException>(() => AzureDocuments.ScaleSets(template));

        Assert.Equal("resources[1].properties.x: parameters('adminPassword'): the parameter has no defaultValue; supply a value for it", error.Message);
    }

    [Theory]
    [InlineData("[concat('a', ]", "resources[1].properties.x: cannot parse the template expression '[concat('a', ]': the expression ends too early")]
    [InlineData("[concat('a)]", "resources[1].properties.x: cannot parse the template expression '[concat('a)]': a string literal is not closed (a quote inside a string is written '')")]
    [InlineData("[concat('a') x]", "resources[1].properties.x: cannot parse the template expression '[concat('a') x]': unexpected 'x' at position 13")]
    [InlineData("[variables('missing')]", "resources[1].properties.x: variables('missing'): the template defines no variable 'missing'")]
    [InlineData("[variables('self')]", "variables.self: the variable 'self' refers to itself")]
    [InlineData("[copyIndex()]", "resources[1].properties.x: copyIndex() is used outside a copy loop")]
    [InlineData("[resourceId('Microsoft.Network/loadBalancers/probes', 'lb')]", "resources[1].properties.x: resourceId(): type 'Microsoft.Network/loadBalancers/probes' needs 2 name(s), got 1")]
    [InlineData("[resourceGroup().missing]", "resources[1].properties.x: the template expression reads property 'missing', which the object does not have (it has id, name, type, location, properties)")]
    public void Evaluate_BadExpression_FailsWithThePathAndTheReason(string expression, string message)
    {
        var template = Template("{ \"x\": \"\" }", variables: """{ "self": "[variables('self')]" }""");
        template["resources"]![1]!["properties"]!["x"] = expression;

        var error = Assert.Throws<AzureDocumentException>(() => AzureDocuments.ScaleSets(template));

        Assert.Equal(message, error.Message);
    }
}
