using System.Collections.Immutable;
using VmssGrains.Domain.Fleet;
using VmssGrains.Domain.Model;
using static VmssGrains.Domain.Tests.TestData;

namespace VmssGrains.Domain.Tests;

/// <summary>Pages of a scale set's instances (<see cref="InstancePaging"/>): id order, keyset skip tokens, bounds.</summary>
public class InstancePagingTests
{
    /// <summary>Instances 0 to 11, in hash order (as a dictionary gives them).</summary>
    private static List<InstanceSummary> Twelve() => [.. Regional(12).OrderBy(i => i.InstanceId.GetHashCode(StringComparison.Ordinal))];

    private static string[] Ids((System.Collections.Immutable.ImmutableArray<InstanceSummary> Value, string? SkipToken) page) =>
        [.. page.Value.Select(i => i.InstanceId)];

    [Fact]
    public void Page_TwelveInPagesOfFive_AreInNumericIdOrderWithTheLastIdAsToken()
    {
        var first = InstancePaging.Page(Twelve(), 5, null);
        var second = InstancePaging.Page(Twelve(), 5, first.SkipToken);
        var third = InstancePaging.Page(Twelve(), 5, second.SkipToken);

        Assert.Equal(["0", "1", "2", "3", "4"], Ids(first));
        Assert.Equal("4", first.SkipToken);
        Assert.Equal(["5", "6", "7", "8", "9"], Ids(second));
        Assert.Equal("9", second.SkipToken);
        Assert.Equal(["10", "11"], Ids(third));
        Assert.Null(third.SkipToken);
    }

    [Fact]
    public void Page_ExactlyFullLastPage_HasNoToken()
    {
        var page = InstancePaging.Page(Twelve(), 6, "5");

        Assert.Equal(["6", "7", "8", "9", "10", "11"], Ids(page));
        Assert.Null(page.SkipToken);
    }

    [Fact]
    public void Page_InstanceOfTheTokenDeletedBetweenPages_ContinuesAfterIt()
    {
        var without4 = Twelve().Where(i => i.InstanceId != "4").ToList();

        Assert.Equal(["5", "6", "7"], Ids(InstancePaging.Page(without4, 3, "4")));
    }

    [Fact]
    public void Page_WithAFilter_CountsOnlyTheListedInstances()
    {
        var page = InstancePaging.Page(Twelve(), 3, "2", i => int.Parse(i.InstanceId, System.Globalization.CultureInfo.InvariantCulture) % 2 == 0);

        Assert.Equal(["4", "6", "8"], Ids(page));
        Assert.Equal("8", page.SkipToken);
    }

    [Theory]
    [InlineData(0, null, "$top", "$top: 0 is out of range: a page holds 1 to 1000 instances")]
    [InlineData(1001, null, "$top", "$top: 1001 is out of range: a page holds 1 to 1000 instances")]
    [InlineData(5, "", "$skiptoken", "$skiptoken: '' is not a skip token of this listing (the nextLink of the page before carries it)")]
    [InlineData(5, "4&x=1", "$skiptoken", "$skiptoken: '4&x=1' is not a skip token of this listing (the nextLink of the page before carries it)")]
    public void Page_BadSizeOrToken_IsInvalidParameterNamingIt(int top, string? token, string target, string message)
    {
        var e = Assert.Throws<AzureException>(() => InstancePaging.Page(Twelve(), top, token));

        Assert.Equal(("InvalidParameter", target, message), (e.Code, e.Target, e.Message));
    }

    [Fact]
    public void Index_SummariesChangedThenAnIdReplaced_PagesTheCurrentInstancesInOrder()
    {
        var fleet = Twelve().ToImmutableDictionary(i => i.InstanceId, StringComparer.Ordinal);
        var index = InstanceIndex.Empty.Of(fleet);
        var upgraded = fleet.SetItem("3", fleet["3"] with { ModelVersion = 2 });
        var reused = index.Of(upgraded);
        var replaced = reused.Of(upgraded.Remove("2").Add("12", Instance("12")));

        Assert.Same(index, index.Of(fleet));
        Assert.Equal(2, reused.Page(2, "2").Value[0].ModelVersion);
        Assert.Equal(["0", "1", "3", "4"], Ids(replaced.Page(4, null)));
        Assert.Equal(["10", "11", "12"], Ids(replaced.Page(4, "9")));
    }
}
