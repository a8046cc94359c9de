using System.Globalization;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Abstractions.Views;
using VmssGrains.Domain;
using VmssGrains.Domain.ScaleSets;

namespace VmssGrains.Grains.Tests;

/// <summary>
/// A client's call to a parked instance that races the order its scale set sends it (docs/machines.md#parking). When the
/// order carried the parked state, the call could reach the new activation first, find nothing left to take in the scale
/// set and answer that the instance did not exist (a read got null, a write NotFound). Only the instance takes its state
/// now, in its own turn: whichever call comes first takes it. Each round upgrades an Automatic scale set (every instance
/// at once, so every order goes to a parked instance) while calling all its instances, half the rounds calls first.
/// </summary>
[Collection(PlacementCollection.Name)]
public sealed class ParkingRaceTests(ThreeSiloClusterFixture fixture) : IClassFixture<ThreeSiloClusterFixture>
{
    private const int Size = 40;
    private const int Rounds = 12;
    private static readonly string[] Versions = ["1.1.0", "1.2.0", "1.0.0"];

    [Fact]
    public async Task ReadsOfParkedInstances_RacingTheirOrders_AlwaysFindThem()
    {
        var missing = await RaceAsync("race-read", async (instance, round) => await instance.GetStateAsync() is null ? "read null" : null);
        Assert.Empty(missing);
    }

    [Fact]
    public async Task WritesToParkedInstances_RacingTheirOrders_AreNeverRefused()
    {
        var refused = await RaceAsync("race-write", async (instance, round) =>
        {
            try
            {
                await instance.WriteFileAsync(dataDisk: true, $"/data/{round}");
                return null;
            }
            catch (AzureException e)
            {
                return $"{e.Code} {e.Message}";
            }
        });
        Assert.Empty(refused);

        // Every write landed on its instance, whichever of it and the order came first.
        var states = await fixture.StatesAsync("race-write");
        Assert.Equal(Size, states.Count);
        Assert.All(states, s => Assert.Equal(Enumerable.Range(0, Rounds).Select(r => $"/data/{r}").Order(StringComparer.Ordinal), s.DataDisk.Files.Where(f => f.StartsWith("/data/", StringComparison.Ordinal) && !f.StartsWith("/data/extensions/", StringComparison.Ordinal)).Order(StringComparer.Ordinal)));
    }

    /// <summary>Plays the rounds on scale set <paramref name="name"/>; what <paramref name="call"/> found wrong, per round and instance.</summary>
    private async Task<List<string>> RaceAsync(string name, Func<IVmInstanceGrain, int, Task<string?>> call)
    {
        await fixture.Grains.GetGrain<ILoadBalancerGrain>($"{name}-lb").ConfigureAsync(new LoadBalancerConfig { RequestsPerSecond = 1000, CapacityPerInstance = 800 });
        await fixture.Grains.GetGrain<IScaleSetGrain>(name).CreateOrUpdateAsync(
            Fleets.ScaleSet(Size, mode: "Automatic", loadBalancer: $"{name}-lb"),
            new SimulationSettings { Seed = 1, Timing = Fleets.Fixed });
        await fixture.SettleAsync();

        var problems = new List<string>();
        for (var round = 0; round < Rounds; round++)
        {
            var patch = Fleets.ImagePatch(Versions[round % Versions.Length]);
            var update = round % 2 == 1 ? fixture.Grains.GetGrain<IScaleSetGrain>(name).UpdateAsync(patch) : null;
            var calls = Enumerable.Range(0, Size)
                .Select(n => n.ToString(CultureInfo.InvariantCulture))
                .Select(id => (Id: id, Call: call(fixture.Instance(name, id), round)))
                .ToList();
            update ??= fixture.Grains.GetGrain<IScaleSetGrain>(name).UpdateAsync(patch);
            foreach (var (id, pending) in calls)
            {
                if (await pending is { } problem)
                {
                    problems.Add($"round {round}: instance {id}: {problem}");
                }
            }

            await update;
            await fixture.SettleAsync();
        }

        return problems;
    }
}
