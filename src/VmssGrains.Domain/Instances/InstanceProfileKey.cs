using System.Globalization;

namespace VmssGrains.Domain.Instances;

/// <summary>
/// Names one version of a scale set's <see cref="InstanceProfile"/>: the scale set, its generation (how many times a
/// scale set of that name was created; a delete never resets it, so a scale set created again under the same name
/// gets keys no earlier one had), and the profile's version within the generation (1 at creation, one more at every
/// change of the faults). Instances resolve the key from their scale set.
/// </summary>
/// <param name="ScaleSet">The scale set's name: which scale set to ask for the profile.</param>
/// <param name="Generation">The scale set's generation, 1 for the first creation.</param>
/// <param name="Version">The profile's version within the generation, 1 at creation.</param>
[GenerateSerializer, Immutable, Alias("vmss.InstanceProfileKey")]
public sealed record InstanceProfileKey(
    [property: Id(0)] string ScaleSet,
    [property: Id(1)] int Generation,
    [property: Id(2)] int Version)
{
    /// <summary><c>{scaleSet}/{generation}/{version}</c>, for logs and error messages.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{ScaleSet}/{Generation}/{Version}");
}
