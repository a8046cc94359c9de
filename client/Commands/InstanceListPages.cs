using System.Text.Json.Nodes;
using VmssGrains.Domain.Azure;
using VmssGrains.Domain.Fleet;
using VmssGrains.Domain.Model;

namespace VmssGrains.Client.Commands;

/// <summary>
/// <c>list-instances --top N [--skip-token TOKEN]</c>: one page in Azure's list shape, <c>{ "value": [...], "nextLink": ... }</c>,
/// the <c>nextLink</c> (absent on the last page) being the REST request for the next page, with <c>$top</c> and <c>$skiptoken</c>.
/// </summary>
internal static class InstanceListPages
{
    /// <summary>The page size of a listing that prints every instance (read from the scale set page by page).</summary>
    public const int Whole = InstancePaging.MaxTop;

    /// <summary>The page size of <c>--skip-token</c> without <c>--top</c> (nor a <c>$top</c> in the nextLink given).</summary>
    public const int DefaultTop = 100;

    /// <summary>
    /// Whether one page is asked for, its size and its skip token: <paramref name="skipToken"/> is the token or a whole
    /// nextLink (its <c>$skiptoken</c>, and its <c>$top</c> unless <paramref name="top"/> is given).
    /// </summary>
    public static (bool Paged, int Top, string? SkipToken) Request(int? top, string? skipToken)
    {
        if (skipToken is not null && skipToken.Contains('?', StringComparison.Ordinal))
        {
            var query = skipToken[(skipToken.IndexOf('?', StringComparison.Ordinal) + 1)..].Split('&')
                .Select(p => p.Split('=', 2))
                .ToDictionary(p => Uri.UnescapeDataString(p[0]), p => p.Length > 1 ? Uri.UnescapeDataString(p[1]) : "", StringComparer.OrdinalIgnoreCase);
            var linkTop = query.TryGetValue("$top", out var t) && int.TryParse(t, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
            return (true, top ?? linkTop ?? DefaultTop, query.GetValueOrDefault("$skiptoken", skipToken));
        }

        return top is null && skipToken is null ? (false, Whole, null) : (true, top ?? DefaultTop, skipToken);
    }

    /// <summary>The REST request for the page after the one that ended with <paramref name="skipToken"/>.</summary>
    public static string NextLink(ScaleSetModel model, int top, string skipToken) =>
        $"https://management.azure.com{model.ResourceId}/virtualMachines?api-version={ResourceSchema.ApiVersion}&$top={top}&$skiptoken={Uri.EscapeDataString(skipToken)}";

    /// <summary>The page in Azure's list shape.</summary>
    public static JsonObject Json(JsonArray value, string? nextLink)
    {
        var page = new JsonObject { ["value"] = value };
        if (nextLink is not null)
        {
            page["nextLink"] = nextLink;
        }

        return page;
    }
}
