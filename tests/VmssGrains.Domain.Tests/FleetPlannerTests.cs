using VmssGrains.Domain.Fleet;
using VmssGrains.Domain.Model;
using static VmssGrains.Domain.Tests.TestData;

namespace VmssGrains.Domain.Tests;

public class FleetPlannerTests
{
    private static InstanceSummary At(string id, string? zone, int faultDomain = 0) => Instance(id, zone) with { FaultDomain = faultDomain };

    [Fact]
    public void PlaceNew_UnevenZones_FillsEmptiestZoneFirst()
    {
        List<InstanceSummary> existing = [At("0", "1"), At("1", "1"), At("2", "2")];

        var placements = FleetPlanner.PlaceNew(existing, 3, ["1", "2", "3"], 1, 3);

        Assert.Equal(
            [new Placement("3", "3", 0), new Placement("4", "2", 0), new Placement("5", "3", 0)],
            placements.ToArray());
    }

    [Fact]
    public void PlaceNew_EmptyZonalScaleSet_SpreadsRoundRobinLowestZoneFirst()
    {
        var placements = FleetPlanner.PlaceNew([], 5, ["1", "2", "3"], 1, 0);

        Assert.Equal(["1", "2", "3", "1", "2"], placements.Select(p => p.Zone));
    }

    [Fact]
    public void PlaceNew_TieBetweenZonesTwoAndTen_PicksZoneTwo()
    {
        var placements = FleetPlanner.PlaceNew([], 1, ["10", "2"], 1, 0);

        Assert.Equal("2", Assert.Single(placements).Zone);
    }

    [Fact]
    public void PlaceNew_Regional_SpreadsOverFaultDomains()
    {
        var placements = FleetPlanner.PlaceNew([At("0", null, 0)], 4, [], 3, 1);

        Assert.Equal(
            [new Placement("1", null, 1), new Placement("2", null, 2), new Placement("3", null, 0), new Placement("4", null, 1)],
            placements.ToArray());
    }

    [Fact]
    public void ChooseForScaleIn_ThreeZones_TakesHighestIdFromFullestZoneFirst()
    {
        // Zone 1: 0, 3, 6; zone 2: 1, 4; zone 3: 2, 5.
        List<InstanceSummary> existing = [.. Enumerable.Range(0, 7).Select(i => At(Id(i), Id((i % 3) + 1)))];

        var chosen = FleetPlanner.ChooseForScaleIn(existing, 5);

        Assert.Equal(["6", "5"], chosen.ToArray());
    }

    [Fact]
    public void ChooseForScaleIn_ProtectedInstance_IsSkipped()
    {
        List<InstanceSummary> existing = [.. Enumerable.Range(0, 7).Select(i => At(Id(i), Id((i % 3) + 1)))];
        existing[6] = existing[6] with { ProtectFromScaleIn = true };

        var chosen = FleetPlanner.ChooseForScaleIn(existing, 5);

        Assert.Equal(["3", "5"], chosen.ToArray());
    }

    [Fact]
    public void ChooseForScaleIn_ProtectedFromScaleSetActions_IsSkipped()
    {
        List<InstanceSummary> existing = [At("0", null), At("1", null) with { ProtectFromScaleSetActions = true, ProtectFromScaleIn = true }];

        var chosen = FleetPlanner.ChooseForScaleIn(existing, 1);

        Assert.Equal(["0"], chosen.ToArray());
    }

    [Fact]
    public void ChooseForScaleIn_AllProtected_RemovesNothing()
    {
        List<InstanceSummary> existing = [.. Regional(3).Select(i => i with { ProtectFromScaleIn = true })];

        Assert.Empty(FleetPlanner.ChooseForScaleIn(existing, 0));
    }

    [Fact]
    public void ChooseForScaleIn_Regional_TakesHighestIdsNumerically()
    {
        var chosen = FleetPlanner.ChooseForScaleIn(Regional(12), 9);

        Assert.Equal(["11", "10", "9"], chosen.ToArray());
    }

    [Fact]
    public void NextId_ExistingIds_IsOneAboveHighest()
    {
        Assert.Equal(12, FleetPlanner.NextId(["0", "11", "3"], 5));
    }
}
