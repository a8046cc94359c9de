using System.Text;
using VmssGrains.Client.Cli;

namespace VmssGrains.Client.Tests;

/// <summary>
/// The console's input files (<see cref="InputFile"/>): a directory, a missing file, a device without end, a file over
/// the size cap, invalid UTF-8, byte order marks, duplicate keys and deep nesting each get one line naming the input, exit 2.
/// </summary>
public sealed class InputFileTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("vmss-input-files-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public async Task Scenario_ADirectory_IsUsageErrorNamingIt()
    {
        var result = await Cli.RunAsync("simulate", "--scenario", directory);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {directory}: is a directory, not a file", result.ErrorLine);
    }

    [Fact]
    public async Task Scenario_DevZero_StopsAtTheSizeCap()
    {
        var result = await Cli.RunAsync("simulate", "--scenario", "/dev/zero");
        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: /dev/zero: larger than 4 MiB, the limit for input files", result.ErrorLine);
    }

    [Fact]
    public async Task Scenario_OneByteOverTheCap_IsRefused_ExactlyTheCapIsRead()
    {
        var exact = Write("exact.json", Encoding.ASCII.GetBytes("{" + new string(' ', InputFile.MaxBytes - 2) + "}"));
        Assert.Equal(InputFile.MaxBytes, InputFile.ReadText(exact).Length);

        var over = Write("over.json", Encoding.ASCII.GetBytes("{" + new string(' ', InputFile.MaxBytes - 1) + "}"));
        var result = await Cli.RunAsync("simulate", "--scenario", over);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {over}: larger than 4 MiB, the limit for input files", result.ErrorLine);
    }

    [Fact]
    public async Task Scenario_InvalidUtf8_NamesTheByteOffset()
    {
        var bytes = Encoding.UTF8.GetBytes("{ \"seed\": 1, \"description\": \"caf").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("\" }")).ToArray();
        var path = Write("latin1.json", bytes);
        var result = await Cli.RunAsync("simulate", "--scenario", path);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {path}: not valid UTF-8 at byte offset 32 (0xC3); save it as UTF-8", result.ErrorLine);
    }

    [Fact]
    public void Utf8ByteOrderMark_IsSkipped_Utf16IsRefused()
    {
        var bom = Write("bom.json", [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("""{ "sku": { "capacity": 3 } }""")]);
        Assert.Equal(3, ResourceFiles.ReadObject(bom)["sku"]!["capacity"]!.GetValue<int>());

        var utf16 = Write("utf16.json", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("{}")]);
        Assert.Equal($"{utf16}: is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8", Assert.Throws<CliException>(() => ResourceFiles.ReadObject(utf16)).Message);
    }

    [Fact]
    public void ResourceFile_MissingOrADirectory_IsUsageErrorNamingIt()
    {
        var missing = Path.Combine(directory, "nowhere.json");
        Assert.Equal($"{missing}: no such file", Assert.Throws<CliException>(() => ResourceFiles.ReadObject(missing)).Message);
        Assert.Equal($"{directory}: is a directory, not a file", Assert.Throws<CliException>(() => ResourceFiles.ReadObject(directory)).Message);
        Assert.Equal(ExitCodes.Usage, Assert.Throws<CliException>(() => ResourceFiles.ReadObject(directory)).ExitCode);
    }

    [Fact]
    public async Task Scenario_DuplicateKey_NamesItsPath()
    {
        var path = Write("duplicate.json", Encoding.UTF8.GetBytes("{ \"seed\": 1,\n  \"loadBalancers\": [ { \"name\": \"a\", \"name\": \"b\" } ] }"));
        var result = await Cli.RunAsync("simulate", "--scenario", path);
        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: {path}: $.loadBalancers[0].name: duplicate property 'name' at line 2, column 37: the object already has it at line 2, column 24; name each property once", result.ErrorLine);
    }

    [Fact]
    public void ResourceFile_DuplicateKeyInAnotherCase_NamesItsPath()
    {
        var path = Write("duplicate-case.json", Encoding.UTF8.GetBytes("""{ "sku": { "capacity": 3, "Capacity": 4 } }"""));
        Assert.Equal(
            $"{path}: $.sku.Capacity: duplicate property 'Capacity' at line 1, column 27: the object already has 'capacity' at line 1, column 12 (Azure property names ignore case); name each property once",
            Assert.Throws<CliException>(() => ResourceFiles.ReadObject(path)).Message);
    }

    [Fact]
    public async Task Scenario_NestedDeeperThan64_IsUsageError()
    {
        var path = Write("deep.json", Encoding.UTF8.GetBytes("{ \"description\": " + new string('[', 70) + new string(']', 70) + " }"));
        var result = await Cli.RunAsync("simulate", "--scenario", path);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: {path}: $: not valid JSON at line 1, column 81: The maximum configured depth of 64 has been exceeded.", result.ErrorLine, StringComparison.Ordinal);
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
