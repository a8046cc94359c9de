using VmssGrains.Domain.Faults;
using VmssGrains.Domain.Planning;

namespace VmssGrains.Domain.Tests.Planning;

public class SweepAndPredictionTests
{
    [Fact]
    public void Seeds_AreConsecutiveFromTheScenarioSeed_AndWrap()
    {
        Assert.Equal([42L, 43L, 44L], SweepSeeds.From(42, 3).ToArray());
        Assert.Equal([long.MaxValue, long.MinValue], SweepSeeds.From(long.MaxValue, 2).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => SweepSeeds.From(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SweepSeeds.From(0, 10_001));
        Assert.Equal(10_000, SweepSeeds.From(0, 10_000).Length);
    }

    [Fact]
    public void Prediction_Of_TenRuns_ExactSpreadsHaltsAndErrors()
    {
        // Durations 100..1000 s; run 3 and 7 halted at batch 1, run 9 before its first batch (0); run 5 failed without a halt.
        var runs = Enumerable.Range(1, 10).Select(i => new RunMeasures(
            i,
            i * 100,
            10 - (i % 3),
            (10 - (i % 3)) * 10.0,
            i * 1000L,
            i switch { 3 or 7 => 1, 9 => 0, _ => null },
            i switch { 3 or 7 or 9 => "MaxUnhealthyUpgradedInstancePercentExceededInRollingUpgrade", 5 => "VMExtensionProvisioningError", _ => null })).ToList();

        var prediction = Prediction.Of(runs);

        Assert.Equal(new Spread<long>(500, 900, 100, 1000), prediction.DurationSeconds);
        Assert.Equal(new Spread<double>(90.0, 100.0, 80.0, 100.0), prediction.MinInServicePercent);
        Assert.Equal(new Spread<int>(9, 10, 8, 10), prediction.MinInService);
        Assert.Equal(new Spread<long>(5000, 9000, 1000, 10000), prediction.RequestsDropped);
        Assert.Equal(0.3, prediction.HaltRate);
        Assert.Equal([(0, 1), (1, 2)], prediction.Halts.ToArray());
        Assert.Equal([("MaxUnhealthyUpgradedInstancePercentExceededInRollingUpgrade", 3), ("VMExtensionProvisioningError", 1)], prediction.Errors.ToArray());
        Assert.Equal(10, prediction.Runs.Length);
    }

    [Fact]
    public void BadImage_ProbabilityZeroAndOne_AreNeverAndAlways()
    {
        var seeds = SweepSeeds.From(-50, 100);

        Assert.DoesNotContain(seeds, s => new BadImageFault("1.1.0", 0).IsBad(s));
        Assert.All(seeds, s => Assert.True(new BadImageFault("1.1.0", 1).IsBad(s)));
    }

    [Fact]
    public void BadImage_Draw_IsTheFirstDrawOfTheSeedAndVersionStream()
    {
        // The rule, computed by hand from the stream: bad when its first draw is below the probability.
        foreach (var seed in SweepSeeds.From(0, 200))
        {
            Randomness.SeededRandom.For(seed, "badImage", "1.1.0").NextDouble(out var u);
            Assert.Equal(u < 0.3, new BadImageFault("1.1.0", 0.3).IsBad(seed));
        }

        // Pinned (computed independently from the hash and SplitMix64 definitions): a change here changes which seeds have a bad image in every sweep.
        Assert.Equal(328, SweepSeeds.From(0, 1000).Count(s => new BadImageFault("1.1.0", 0.3).IsBad(s)));
        Assert.Equal([3L, 6L, 8L], SweepSeeds.From(0, 10).Where(s => new BadImageFault("1.1.0", 0.3).IsBad(s)));
    }

    [Fact]
    public void BadImage_ALowerProbability_IsBadOnlyWhereAHigherOneIs()
    {
        var seeds = SweepSeeds.From(7, 500);

        Assert.All(seeds.Where(s => new BadImageFault("2.0.0", 0.1).IsBad(s)), s => Assert.True(new BadImageFault("2.0.0", 0.5).IsBad(s)));
    }
}
