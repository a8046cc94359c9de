using Orleans.Concurrency;
using VmssGrains.Abstractions.Grains;

namespace VmssGrains.Grains.Hosting;

/// <summary>Answers with the local silo's endpoints: activated on the silo a client's call arrives at.</summary>
[StatelessWorker]
public sealed class SiloIdentityGrain(ILocalSiloDetails silo) : Grain, ISiloIdentityGrain
{
    /// <inheritdoc/>
    public Task<SiloIdentity> GetSiloAsync() =>
        Task.FromResult(new SiloIdentity($"{silo.SiloAddress.Endpoint}", silo.GatewayAddress is { } gateway ? $"{gateway.Endpoint}" : "", silo.Name));
}
