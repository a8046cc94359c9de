namespace VmssGrains.Abstractions.Grains;

/// <summary>The simulated time of the cluster, for drivers and watch views outside the silos (a local stateless worker).</summary>
[Alias("vmss.IClusterClockGrain")]
public interface IClusterClockGrain : IGrainWithIntegerKey
{
    /// <summary>The simulated time now and the clock it runs on.</summary>
    [Alias("GetNow")]
    Task<ClusterTime> GetNowAsync();
}

/// <summary>Simulated time and the clock of the silo that answered.</summary>
/// <param name="Now">Simulated time.</param>
/// <param name="Clock"><c>virtual</c>, <c>scaled:N</c> or <c>real</c>.</param>
/// <param name="Scale">Simulated seconds per wall second (0 for virtual: as fast as the work allows).</param>
[GenerateSerializer, Immutable, Alias("vmss.ClusterTime")]
public sealed record ClusterTime([property: Id(0)] DateTimeOffset Now, [property: Id(1)] string Clock, [property: Id(2)] double Scale);
