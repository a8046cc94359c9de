using System.Text.Json.Nodes;

namespace VmssGrains.Client.Tests.Differential;

/// <summary>What the generator knows of one scale set while it writes the timeline: the resource as the updates so far left it.</summary>
/// <param name="Name">The scale set's name.</param>
/// <param name="Resource">The resource (the scenario's entry, then each update's patch merged in).</param>
public sealed record GeneratedScaleSet(string Name, JsonObject Resource)
{
    /// <summary>The gallery image it runs, or null for a platform image.</summary>
    public GeneratedImage? Image { get; init; }

    /// <summary>Whether the image reference is <c>latest</c> (automatic OS upgrades follow it).</summary>
    public bool Latest { get; init; }

    /// <summary>Its extensions, in the resource's order (the Application Health extension among them).</summary>
    public List<string> Extensions { get; } = [];

    /// <summary>The current <c>sku.capacity</c>.</summary>
    public int Capacity { get; set; }

    /// <summary>One past the highest instance id handed out so far (ids grow as the scale set does).</summary>
    public int NextId { get; set; }

    /// <summary>Whether it has a rolling upgrade policy to tune (Rolling mode with a usable health source).</summary>
    public bool Rolling { get; init; }

    /// <summary>The resource's <c>extensionProfile.extensions</c>, or null.</summary>
    public JsonArray? ExtensionArray => Resource["properties"]?["virtualMachineProfile"]?["extensionProfile"]?["extensions"] as JsonArray;

    /// <summary>Resizes: new instances take new ids.</summary>
    public void Resize(int capacity)
    {
        NextId += Math.Max(0, capacity - Capacity);
        Capacity = capacity;
    }
}
