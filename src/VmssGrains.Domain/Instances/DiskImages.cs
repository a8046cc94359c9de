using System.Collections.Concurrent;
using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.Instances;

/// <summary>
/// The image name an OS disk records (<see cref="ImageReference.ToString"/>, <c>image:version</c>), one string per image
/// shared by every disk made from it: a fleet of a million instances would otherwise keep a million copies of a few names.
/// </summary>
internal static class DiskImages
{
    private static readonly ConcurrentDictionary<ImageReference, string> Names = new();

    /// <summary>The name of <paramref name="image"/>, as its <see cref="ImageReference.ToString"/>.</summary>
    public static string Of(ImageReference image) => Names.GetOrAdd(image, static i => i.ToString());
}
