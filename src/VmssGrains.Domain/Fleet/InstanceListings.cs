using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.Fleet;

/// <summary>
/// The rules of <see cref="InstanceListing"/>: its names on the command line and in the report, its default, and which
/// instances it lists.
/// </summary>
public static class InstanceListings
{
    /// <summary>
    /// The most instances (summed over the scale sets, as they are at the end of the run) for which the default lists
    /// every instance; above it the default lists the failed ones only, so a fleet's report stays small.
    /// </summary>
    public const int AllUpTo = 10_000;

    /// <summary>The names, as <c>--instances</c> takes them and <c>instancesListed</c> shows them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["all", "failed", "none"];

    /// <summary>
    /// The listing when none is chosen: <see cref="InstanceListing.All"/> for at most <see cref="AllUpTo"/> instances,
    /// else <see cref="InstanceListing.Failed"/>.
    /// </summary>
    /// <param name="instances">The instances of every scale set of the report, at the end of the run.</param>
    public static InstanceListing Default(long instances) => instances <= AllUpTo ? InstanceListing.All : InstanceListing.Failed;

    /// <summary>The listing's name: <c>all</c>, <c>failed</c> or <c>none</c>.</summary>
    public static string Name(InstanceListing listing) => Names[(int)listing];

    /// <summary>Reads a name of <see cref="Names"/> (exactly, lower case); false for anything else.</summary>
    public static bool TryParse(string? name, out InstanceListing listing)
    {
        var index = name is null ? -1 : Names.ToList().IndexOf(name);
        listing = index < 0 ? InstanceListing.All : (InstanceListing)index;
        return index >= 0;
    }

    /// <summary>Whether <paramref name="listing"/> lists <paramref name="instance"/>.</summary>
    public static bool Lists(InstanceListing listing, InstanceSummary instance) => listing switch
    {
        InstanceListing.All => true,
        InstanceListing.Failed => FailedInstances.IsFailed(instance),
        _ => false,
    };
}
