using VmssGrains.Domain.ScaleSets;

namespace VmssGrains.Grains.Gallery;

/// <summary>What the gallery grain persists on a durable store (docs/durability.md): the whole gallery, after each change.</summary>
[GenerateSerializer, Alias("vmss.ImageGalleryGrainState")]
public sealed class ImageGalleryGrainState
{
    /// <summary>The gallery as last changed, or null before anything was published or subscribed.</summary>
    [Id(0)] public ImageGallerySnapshot? Gallery { get; set; }
}
