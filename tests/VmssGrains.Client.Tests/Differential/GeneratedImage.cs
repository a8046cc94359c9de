using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests.Differential;

/// <summary>A gallery image of a generated scenario: its entry in <c>images</c> and every version that exists so far (listed, then published by actions).</summary>
/// <param name="Name">The image's name.</param>
/// <param name="Json">Its entry in the scenario's <c>images</c>.</param>
public sealed record GeneratedImage(string Name, JsonObject Json)
{
    /// <summary>The versions a pinned reference may name at this point of the timeline, oldest first.</summary>
    public List<string> Versions { get; } = [];

    /// <summary>The next minor version number to publish.</summary>
    public int NextMinor { get; set; }

    /// <summary>The gallery id of the image (its <c>latest</c>), or of one version.</summary>
    public string Id(string? version = null) =>
        $"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.Compute/galleries/gallery/images/{Name}" + (version is null ? "" : $"/versions/{version}");
}
