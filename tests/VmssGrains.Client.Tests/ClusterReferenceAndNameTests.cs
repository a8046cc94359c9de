namespace VmssGrains.Client.Tests;

/// <summary>
/// On a cluster: a gallery image (or version) nobody published is Azure's NotFound for images, exit 2, and creates or
/// changes nothing; names breaking Azure's rules and malformed JSON are refused before anything is sent.
/// </summary>
[Collection(VerbClusterCollection.Name)]
public sealed class ClusterReferenceAndNameTests(VerbClusterFixture cluster)
{
    private const string ImageTarget = "properties.virtualMachineProfile.storageProfile.imageReference.id";

    [Fact]
    public async Task Create_WithAnImageNobodyPublished_IsGalleryImageVersionNotFound_AndCreatesNothing()
    {
        var result = await cluster.RunAsync("create", "-n", "ghost-create", "--image", "ghost:9.9");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: (GalleryImageVersionNotFound) {ImageTarget}: The gallery image version '{Verbs.ImageId("ghost", "9.9")}' was not found: the gallery has no image 'ghost'.", result.ErrorLine);
        Assert.Equal(2, (await cluster.RunAsync("show", "-n", "ghost-create")).ExitCode);
        Assert.DoesNotContain("ghost", (await cluster.OkAsync("image", "list")).Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_WithAVersionThePublishedImageDoesNotHave_ListsItsVersions()
    {
        var result = await cluster.RunAsync("create", "-n", "ghost-version", "--image", "web:9.9.9");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: (GalleryImageVersionNotFound) {ImageTarget}: The gallery image version '{Verbs.ImageId("web", "9.9.9")}' was not found: image 'web' in the gallery has versions 1.0.0, 1.1.0.", result.ErrorLine);
    }

    [Fact]
    public async Task CreateFromAFile_WithAGalleryImageNobodyDefined_IsGalleryImageNotFound()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("vmss-ghost-file-").FullName, "ghost.json");
        await File.WriteAllTextAsync(path, """
            { "sku": { "capacity": 1 }, "properties": { "virtualMachineProfile": { "storageProfile": { "imageReference": { "id": "/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/phantom" } } } } }
            """);

        var result = await cluster.RunAsync("create", "-n", "ghost-file", "--file", path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: (GalleryImageNotFound) {ImageTarget}: The gallery image '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/galleries/g/images/phantom' was not found: the gallery has no image 'phantom'.", result.ErrorLine);
        Assert.Equal(2, (await cluster.RunAsync("show", "-n", "ghost-file")).ExitCode);
    }

    [Fact]
    public async Task Update_ToAVersionNobodyPublished_IsRefused_AndChangesNothing()
    {
        await cluster.OkAsync("create", "-n", "ghost-update", "--image", "web:1.0.0", "--instance-count", "1");
        var before = await cluster.OkAsync("show", "-n", "ghost-update", "-o", "json");

        var result = await cluster.RunAsync("update", "-n", "ghost-update", "--set", Verbs.SetImage("web", "7.0.0"));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: (GalleryImageVersionNotFound) {ImageTarget}: The gallery image version '{Verbs.ImageId("web", "7.0.0")}' was not found", result.ErrorLine, StringComparison.Ordinal);
        Assert.Equal(before.Out, (await cluster.OkAsync("show", "-n", "ghost-update", "-o", "json")).Out);
        var operations = (await cluster.OkAsync("activity-log", "-n", "ghost-update", "-o", "json")).Out;
        Assert.DoesNotContain("\"Accepted\"", operations, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Names_WithAControlCharacterOrASpace_AreRefusedAndEscaped()
    {
        var lb = await cluster.RunAsync("lb", "configure", "-n", "web lb", "--requests-per-second", "10");
        Assert.Equal(2, lb.ExitCode);
        Assert.Equal("error: --name: 'web lb' is not a valid load balancer name (character 4 is ' '): use 1–80 letters, digits, '-', '_' or '.', starting with a letter or digit and ending with a letter, digit or '_'", lb.ErrorLine);

        var image = await cluster.RunAsync("image", "publish", "--image", "web\u001b[2J", "--version", "1.0.0");
        Assert.Equal(2, image.ExitCode);
        Assert.Equal("error: --image: 'web\\u001B[2J' is not a valid gallery image name (character 4 is a control character (U+001B)): use 1–80 letters, digits, '-', '_' or '.', starting and ending with a letter or digit", image.ErrorLine);

        var version = await cluster.RunAsync("image", "publish", "--image", "web", "--version", "1.0.0.0");
        Assert.Equal("error: --version: '1.0.0.0' is not a valid gallery image version (4 part(s)): use Major.Minor.Patch (or Major.Minor), whole numbers such as 1.2.0", version.ErrorLine);

        var scaleSet = await cluster.RunAsync("create", "-n", "bell\u0007", "--image", "web:1.0.0");
        Assert.Equal(2, scaleSet.ExitCode);
        Assert.Equal("error: (InvalidParameter) 'bell\\u0007' is not a valid scale set name (character 5 is a control character (U+0007)): use 1–64 letters, digits, '-', '_' or '.'", scaleSet.ErrorLine);
        Assert.DoesNotContain(lb.Err + image.Err + version.Err + scaleSet.Err, c => char.IsControl(c) && c != '\n');
    }

    [Fact]
    public async Task Update_DuplicateKeysAndTooDeepPaths_AreRefusedBeforeAnythingIsSent()
    {
        await cluster.OkAsync("create", "-n", "malformed-update", "--image", "web:1.0.0", "--instance-count", "1", "--extensions", "app");

        var patch = await cluster.RunAsync("update", "-n", "malformed-update", "--patch", """{ "tags": { "a": 1, "a": 2 } }""");
        Assert.Equal(2, patch.ExitCode);
        Assert.Equal("error: --patch: $.tags.a: duplicate property 'a' at line 1, column 21: the object already has it at line 1, column 13; name each property once", patch.ErrorLine);

        var value = await cluster.RunAsync("update", "-n", "malformed-update", "--set", """virtualMachineProfile.extensionProfile.extensions[0].settings={"port":80,"port":81}""");
        Assert.Equal(2, value.ExitCode);
        Assert.Equal("""error: --set: '{"port":80,"port":81}': $.port: duplicate property 'port' at line 1, column 12: the object already has it at line 1, column 2; name each property once""", value.ErrorLine);

        var deep = await cluster.RunAsync("update", "-n", "malformed-update", "--set", "tags." + string.Join('.', Enumerable.Repeat("a", 2000)) + "=1");
        Assert.Equal(2, deep.ExitCode);
        Assert.Equal($"error: --set: 'tags.{string.Concat(Enumerable.Repeat("a.", 27))}a…' is not a property path: it is more than 32 steps deep", deep.ErrorLine);

        var shown = Json.ParseObject(await cluster.OkAsync("show", "-n", "malformed-update", "-o", "json"));
        Assert.Null(shown["tags"]);
        Assert.Null(shown["properties"]!["virtualMachineProfile"]!["extensionProfile"]!["extensions"]![0]!["properties"]!["settings"]);
    }
}
