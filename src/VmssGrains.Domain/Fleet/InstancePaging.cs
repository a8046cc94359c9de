using System.Collections.Immutable;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Rolling;

namespace VmssGrains.Domain.Fleet;

/// <summary>
/// One page of a scale set's instances, as Azure's list operations page (<c>value</c> and a <c>nextLink</c> carrying
/// <c>$skiptoken</c>): at most <c>top</c> instances in id order (<see cref="InstanceOrder"/>), after the instance the skip
/// token names. The skip token is the last instance id of the page before (keyset paging): instances added or deleted
/// between two pages never make a later page repeat or skip one that was there throughout. A reader that pages often
/// keeps an <see cref="InstanceIndex"/> instead (a page then costs a binary search, not a sort).
/// </summary>
public static class InstancePaging
{
    /// <summary>The most instances one page holds (our bound, so that a page stays small).</summary>
    public const int MaxTop = 1000;

    /// <summary>
    /// The page of <paramref name="instances"/> (any order) that <paramref name="top"/> and <paramref name="skipToken"/> ask
    /// for, keeping only those <paramref name="filter"/> accepts (null: all); and the skip token of the next page, or null
    /// when this page is the last. Sorts the instances: for one page now and then.
    /// </summary>
    /// <param name="instances">The scale set's instances.</param>
    /// <param name="top">Instances per page, 1 to <see cref="MaxTop"/>.</param>
    /// <param name="skipToken">The previous page's skip token (null: the first page).</param>
    /// <param name="filter">Which instances are listed (null: all).</param>
    /// <exception cref="AzureException"><c>InvalidParameter</c> (target <c>$top</c> or <c>$skiptoken</c>): a page size out of range, or a skip token that is no instance id.</exception>
    public static (ImmutableArray<InstanceSummary> Value, string? SkipToken) Page(IEnumerable<InstanceSummary> instances, int top, string? skipToken, Func<InstanceSummary, bool>? filter = null)
    {
        ArgumentNullException.ThrowIfNull(instances);
        return InstanceIndex.Empty.Of(instances.ToImmutableDictionary(i => i.InstanceId, StringComparer.Ordinal)).Page(top, skipToken, filter);
    }

    /// <summary>Checks a page size and a skip token, naming them as the caller calls them (REST: <c>$top</c>, <c>$skiptoken</c>).</summary>
    /// <exception cref="AzureException"><c>InvalidParameter</c>, its target the name of the input at fault.</exception>
    public static void Validate(int top, string? skipToken, string topName = "$top", string skipTokenName = "$skiptoken")
    {
        if (top is < 1 or > MaxTop)
        {
            throw new AzureException("InvalidParameter", $"{topName}: {top} is out of range: a page holds 1 to {MaxTop} instances", topName);
        }

        if (skipToken is not null && !IsToken(skipToken))
        {
            throw new AzureException("InvalidParameter", $"{skipTokenName}: '{skipToken}' is not a skip token of this listing (the nextLink of the page before carries it)", skipTokenName);
        }
    }

    /// <summary>An instance id: 1 to 80 letters, digits, '-' or '_' (Uniform ids are numbers, Flexible ones VM names).</summary>
    private static bool IsToken(string token) =>
        token.Length is > 0 and <= 80 && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
