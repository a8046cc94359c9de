namespace VmssGrains.Client.Tests;

/// <summary>How the end-to-end test finds prometheus, and when a missing one is a skip or a failure.</summary>
[Trait("Category", "Prometheus")]
public sealed class PrometheusBinaryTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Find_OverrideSet_UsesOnlyTheOverride()
    {
        var everything = (Func<string, bool>)(_ => true);
        Assert.Equal("/opt/prom/prometheus", PrometheusBinary.Find(Env(("VMSS_PROMETHEUS_BIN", "/opt/prom/prometheus"), ("PATH", "/usr/bin")), everything));
        Assert.Null(PrometheusBinary.Find(Env(("VMSS_PROMETHEUS_BIN", "/nonexistent"), ("PATH", "/usr/bin")), path => path != "/nonexistent"));
    }

    [Fact]
    public void Find_NoOverride_SearchesPathThenDebiansLocation()
    {
        var path = string.Join(Path.PathSeparator, "/a", "/b");
        Assert.Equal(Path.Combine("/b", "prometheus"), PrometheusBinary.Find(Env(("PATH", path)), p => p == Path.Combine("/b", "prometheus")));
        Assert.Equal("/usr/bin/prometheus", PrometheusBinary.Find(Env(("PATH", path)), p => p == "/usr/bin/prometheus"));
        Assert.Null(PrometheusBinary.Find(Env(("PATH", path)), _ => false));
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("", false)]
    [InlineData("0", false)]
    [InlineData("1", true)]
    [InlineData("true", true)]
    public void IsRequired_RequireVariable_DecidesSkipOrFail(string? value, bool required) =>
        Assert.Equal(required, PrometheusBinary.IsRequired(Env(("VMSS_REQUIRE_PROMETHEUS", value!))));

    [Fact]
    public void NotFoundReason_Override_NamesTheVariable() =>
        Assert.Contains("VMSS_PROMETHEUS_BIN=/nonexistent", PrometheusBinary.NotFoundReason(Env(("VMSS_PROMETHEUS_BIN", "/nonexistent"))), StringComparison.Ordinal);
}
