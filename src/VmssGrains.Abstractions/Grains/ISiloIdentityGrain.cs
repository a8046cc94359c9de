namespace VmssGrains.Abstractions.Grains;

/// <summary>
/// Which silo answered: a local stateless worker, so a client's call is answered by the silo whose gateway it went
/// through. The console asks it to say which silo it reached when a gateway it was given did not answer.
/// </summary>
[Alias("vmss.ISiloIdentityGrain")]
public interface ISiloIdentityGrain : IGrainWithIntegerKey
{
    /// <summary>The answering silo's silo-to-silo endpoint (<c>host:port</c>) and its gateway endpoint (<c>host:port</c>, empty when it opens none).</summary>
    [Alias("GetSilo")]
    Task<SiloIdentity> GetSiloAsync();
}

/// <summary>A silo's endpoints and name.</summary>
/// <param name="Silo">The silo-to-silo endpoint, <c>host:port</c>.</param>
/// <param name="Gateway">The client gateway endpoint, <c>host:port</c>; empty when the silo opens none.</param>
/// <param name="Name">The silo's name (a pod's name on Kubernetes).</param>
[GenerateSerializer, Immutable, Alias("vmss.SiloIdentity")]
public sealed record SiloIdentity([property: Id(0)] string Silo, [property: Id(1)] string Gateway, [property: Id(2)] string Name);
