using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.Tests;

public class ExtensionSequencerTests
{
    private const string Path = "properties.virtualMachineProfile.extensionProfile.extensions";

    private static ExtensionSpec E(string name, params string[] after) => new() { Name = name, ProvisionAfterExtensions = [.. after] };

    private static string[] Names(IEnumerable<ExtensionSpec> extensions) => [.. extensions.Select(e => e.Name)];

    [Fact]
    public void Order_NoDependencies_KeepsListedOrder()
    {
        var ordered = ExtensionSequencer.Order([E("c"), E("a"), E("b")], Path, out var error);

        Assert.Null(error);
        Assert.Equal(["c", "a", "b"], Names(ordered));
    }

    [Fact]
    public void Order_ProvisionAfter_RunsDependencyFirst()
    {
        var ordered = ExtensionSequencer.Order([E("app", "config"), E("config")], Path, out var error);

        Assert.Null(error);
        Assert.Equal(["config", "app"], Names(ordered));
    }

    [Fact]
    public void Order_SeveralReady_ListedFirstGoesFirst()
    {
        var ordered = ExtensionSequencer.Order([E("health", "app"), E("app", "config"), E("monitor"), E("config")], Path, out var error);

        Assert.Null(error);
        Assert.Equal(["monitor", "config", "app", "health"], Names(ordered));
    }

    [Fact]
    public void Order_NamesDifferInCase_MatchCaseInsensitively()
    {
        var ordered = ExtensionSequencer.Order([E("App", "CONFIG"), E("config")], Path, out var error);

        Assert.Null(error);
        Assert.Equal(["config", "App"], Names(ordered));
    }

    [Fact]
    public void Order_TwoExtensionCycle_ReturnsErrorAndNothing()
    {
        var ordered = ExtensionSequencer.Order([E("ok"), E("a", "b"), E("b", "a")], Path, out var error);

        Assert.Empty(ordered);
        Assert.Equal(ValidationError.InvalidParameter(Path, "provisionAfterExtensions forms a cycle between extensions a, b"), error);
    }

    [Fact]
    public void Order_ExtensionAfterItself_IsACycle()
    {
        ExtensionSequencer.Order([E("a", "a")], Path, out var error);

        Assert.Equal("provisionAfterExtensions forms a cycle between extensions a", error?.Message);
    }

    [Fact]
    public void Order_UnknownName_ReturnsErrorOnThatExtension()
    {
        var ordered = ExtensionSequencer.Order([E("a"), E("b", "nope")], Path, out var error);

        Assert.Empty(ordered);
        Assert.Equal(
            ValidationError.InvalidParameter($"{Path}[1].properties.provisionAfterExtensions", "extension 'b' is provisioned after 'nope', which is not an extension of this profile"),
            error);
    }

    [Fact]
    public void Order_DuplicateName_ReturnsErrorOnSecondOccurrence()
    {
        ExtensionSequencer.Order([E("a"), E("A")], Path, out var error);

        Assert.Equal($"{Path}[1].name", error?.Target);
    }
}
