namespace VmssGrains.Grains.Tests;

/// <summary>
/// A 3-silo in-process cluster on the virtual clock, of its own (the shared <see cref="ClusterFixture"/> has 2 silos),
/// for tests of where grains are placed.
/// </summary>
public sealed class ThreeSiloClusterFixture : ClusterFixture
{
    /// <summary>The silos of the cluster.</summary>
    public const short Silos = 3;

    /// <summary>Creates the fixture.</summary>
    public ThreeSiloClusterFixture()
        : base(Silos)
    {
    }
}
