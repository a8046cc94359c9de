using System.Collections.Immutable;
using System.Globalization;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;

namespace VmssGrains.Domain.Fleet;

/// <summary>
/// Where new instances go and which instances a scale-in removes, as Azure's default policies do it:
/// spread evenly over zones (then fault domains); scale-in takes from the fullest zone the highest
/// instance id that is not protected from scale-in.
/// </summary>
public static class FleetPlanner
{
    /// <summary>Places <paramref name="count"/> new instances with ids from <paramref name="nextId"/> on.</summary>
    public static ImmutableArray<Placement> PlaceNew(IReadOnlyCollection<InstanceSummary> existing, int count, ImmutableArray<string> zones, int faultDomains, int nextId)
    {
        var perZone = zones.IsEmpty
            ? new Dictionary<string, int> { [""] = existing.Count }
            : zones.ToDictionary(z => z, z => existing.Count(i => i.Zone == z), StringComparer.Ordinal);
        var perDomain = existing.GroupBy(i => (i.Zone ?? "", i.FaultDomain)).ToDictionary(g => g.Key, g => g.Count());
        var placements = ImmutableArray.CreateBuilder<Placement>(count);
        for (var i = 0; i < count; i++)
        {
            // The zone with the fewest instances, lowest zone first on a tie.
            var zone = perZone.OrderBy(kv => kv.Value).ThenBy(kv => kv.Key, Comparer<string>.Create(ScaleSetModelReader.CompareZones)).First().Key;
            perZone[zone]++;
            var domain = Enumerable.Range(0, Math.Max(1, faultDomains)).OrderBy(d => perDomain.GetValueOrDefault((zone, d))).First();
            perDomain[(zone, domain)] = perDomain.GetValueOrDefault((zone, domain)) + 1;
            placements.Add(new Placement((nextId + i).ToString(CultureInfo.InvariantCulture), zone.Length == 0 ? null : zone, domain));
        }

        return placements.MoveToImmutable();
    }

    /// <summary>
    /// The instances a scale-in to <paramref name="capacity"/> removes; fewer when protected instances are in
    /// the way. Busy instances are taken last.
    /// </summary>
    public static ImmutableArray<string> ChooseForScaleIn(IReadOnlyCollection<InstanceSummary> existing, int capacity)
    {
        var removable = existing.Where(i => !i.ProtectFromScaleIn && !i.ProtectFromScaleSetActions).ToList();
        var perZone = existing.GroupBy(i => i.Zone ?? "").ToDictionary(g => g.Key, g => g.Count());
        var chosen = ImmutableArray.CreateBuilder<string>();
        var toRemove = existing.Count - capacity;
        while (chosen.Count < toRemove && removable.Count > 0)
        {
            var victim = removable
                .OrderByDescending(i => perZone[i.Zone ?? ""])
                .ThenBy(i => i.Busy ? 1 : 0)
                .ThenByDescending(i => i.InstanceId, InstanceOrder.Instance)
                .First();
            removable.Remove(victim);
            perZone[victim.Zone ?? ""]--;
            chosen.Add(victim.InstanceId);
        }

        return chosen.ToImmutable();
    }

    /// <summary>The next free numeric instance id.</summary>
    public static int NextId(IEnumerable<string> ids, int current) =>
        Math.Max(current, ids.Select(id => int.TryParse(id, out var n) ? n + 1 : 0).DefaultIfEmpty(0).Max());
}
