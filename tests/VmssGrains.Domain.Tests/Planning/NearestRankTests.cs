using VmssGrains.Domain.Planning;

namespace VmssGrains.Domain.Tests.Planning;

public class NearestRankTests
{
    [Theory]
    [InlineData(1, 50, 1)]
    [InlineData(1, 90, 1)]
    [InlineData(4, 50, 2)]
    [InlineData(3, 50, 2)]
    [InlineData(10, 90, 9)]
    [InlineData(100, 50, 50)]
    [InlineData(100, 90, 90)]
    [InlineData(101, 90, 91)]
    [InlineData(7, 100, 7)]
    [InlineData(10, 1, 1)]
    public void Rank_IsCeilingOfPercentTimesCount(int count, int percent, int rank) =>
        Assert.Equal(rank, NearestRank.Rank(count, percent));

    [Fact]
    public void Of_PicksAValueOfTheSet_NeverInterpolates()
    {
        Assert.Equal(2, NearestRank.Of([4, 1, 3, 2], 50));
        Assert.Equal(9, NearestRank.Of(Enumerable.Range(1, 10).Reverse(), 90));
        Assert.Equal(10, NearestRank.Of(Enumerable.Range(1, 10), 100));
        Assert.Equal(80.0, NearestRank.Of([100.0, 66.667, 80.0], 50));
        Assert.Equal(66.667, NearestRank.Of([100.0, 66.667, 80.0], 1));
    }

    [Theory]
    [InlineData(0, 50)]
    [InlineData(3, 0)]
    [InlineData(3, 101)]
    public void Rank_OutOfRange_Throws(int count, int percent) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => NearestRank.Rank(count, percent));
}
