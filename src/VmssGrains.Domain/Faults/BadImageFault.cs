using System.Globalization;
using VmssGrains.Domain.Randomness;

namespace VmssGrains.Domain.Faults;

/// <summary>
/// <c>badImage</c>: with <see cref="Probability"/> (0–1), the image version <see cref="ImageVersion"/> is bad in a run,
/// and then every instance moved to it (reimaged onto it, or created on it) stays unhealthy, as
/// <c>unhealthyAfterUpgrade</c> with probability 1 would make it. The draw is made once per run seed and image version
/// (<see cref="IsBad"/>), not per instance: over a sweep of seeds, the share of runs with a bad image is the probability.
/// </summary>
[GenerateSerializer, Immutable, Alias("vmss.BadImageFault")]
public sealed record BadImageFault(
    [property: Id(0)] string ImageVersion,
    [property: Id(1)] double Probability)
{
    /// <summary>
    /// Whether the version is bad in the run of <paramref name="seed"/>: the first draw u ∈ [0, 1) of the stream
    /// <c>(seed, "badImage", imageVersion)</c> (<see cref="SeededRandom"/>) is below <see cref="Probability"/>. The stream
    /// names neither a scale set nor an instance, so every scale set and both engines see the same answer for one seed;
    /// it is drawn from a stream of its own, so adding the fault changes no other draw.
    /// </summary>
    public bool IsBad(long seed)
    {
        if (Probability <= 0)
        {
            return false;
        }

        SeededRandom.For(seed, "badImage", ImageVersion).NextDouble(out var u);
        return u < Probability;
    }

    /// <summary>True when <paramref name="version"/> (a version, or an image reference's text) is this fault's version.</summary>
    public bool Matches(string version, string reference) =>
        string.Equals(ImageVersion, version, StringComparison.Ordinal) || string.Equals(ImageVersion, reference, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"badImage {ImageVersion} p={Probability}");
}
