using System.Collections.Immutable;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;

namespace VmssGrains.Domain.Fleet;

/// <summary>
/// A scale set's instance ids in id order (<see cref="InstanceOrder"/>), kept by a status reader between reads so that a
/// page (<see cref="InstancePaging"/>) costs a binary search and its own instances, not a sort of the whole fleet. An
/// upgrade changes instances' summaries, not which instances there are: the order is sorted again only when the set of ids
/// changed (checked in one pass of lookups when the instances changed). Immutable: safe to share.
/// </summary>
public sealed class InstanceIndex
{
    private readonly ImmutableDictionary<string, InstanceSummary> instances;
    private readonly string[] ids;

    private InstanceIndex(ImmutableDictionary<string, InstanceSummary> instances, string[] ids) => (this.instances, this.ids) = (instances, ids);

    /// <summary>The index of no instances.</summary>
    public static InstanceIndex Empty { get; } = new(ImmutableDictionary<string, InstanceSummary>.Empty, []);

    /// <summary>The index of <paramref name="current"/>: this one when nothing changed, its order reused when only summaries changed.</summary>
    public InstanceIndex Of(ImmutableDictionary<string, InstanceSummary> current)
    {
        ArgumentNullException.ThrowIfNull(current);
        if (ReferenceEquals(current, instances))
        {
            return this;
        }

        return current.Count == ids.Length && ids.All(current.ContainsKey)
            ? new InstanceIndex(current, ids)
            : new InstanceIndex(current, [.. current.Keys.Order(InstanceOrder.Instance)]);
    }

    /// <summary>
    /// The page (<see cref="InstancePaging.Page"/>): at most <paramref name="top"/> instances after <paramref name="skipToken"/>
    /// that <paramref name="filter"/> accepts, and the next page's skip token (null on the last page).
    /// </summary>
    /// <exception cref="AzureException"><c>InvalidParameter</c> for a bad size or token (<see cref="InstancePaging.Validate"/>).</exception>
    public (ImmutableArray<InstanceSummary> Value, string? SkipToken) Page(int top, string? skipToken, Func<InstanceSummary, bool>? filter = null)
    {
        InstancePaging.Validate(top, skipToken);
        var start = 0;
        if (skipToken is not null)
        {
            var at = Array.BinarySearch(ids, skipToken, InstanceOrder.Instance);
            start = at >= 0 ? at + 1 : ~at;
        }

        var page = ImmutableArray.CreateBuilder<InstanceSummary>(top);
        for (var i = start; i < ids.Length; i++)
        {
            var instance = instances[ids[i]];
            if (filter?.Invoke(instance) ?? true)
            {
                if (page.Count == top)
                {
                    // One more is listed: this page ends with its last instance, the token of the next.
                    var full = page.MoveToImmutable();
                    return (full, full[^1].InstanceId);
                }

                page.Add(instance);
            }
        }

        return (page.ToImmutable(), null);
    }
}
