namespace VmssGrains.Domain.ScaleSets;

/// <summary>What adding versions to the <see cref="ImageGallery"/> asks of its carrier.</summary>
/// <param name="Publications">One wake-up per version added: its token, and the simulated time until it is published (zero: at the end of this instant).</param>
/// <param name="Superseded">Pending publications the new versions replaced: platform work that will not happen.</param>
public sealed record GalleryAddition(IReadOnlyList<(long Token, TimeSpan Wait)> Publications, int Superseded);
