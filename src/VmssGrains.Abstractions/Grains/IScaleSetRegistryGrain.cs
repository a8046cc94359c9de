using System.Collections.Immutable;

namespace VmssGrains.Abstractions.Grains;

/// <summary>The names of every scale set of the cluster (one grain, key <see cref="GrainKeys.Registry"/>).</summary>
[Alias("vmss.IScaleSetRegistryGrain")]
public interface IScaleSetRegistryGrain : IGrainWithStringKey
{
    /// <summary>A scale set was created.</summary>
    [Alias("Add")]
    Task AddAsync(string name);

    /// <summary>A scale set was deleted.</summary>
    [Alias("Remove")]
    Task RemoveAsync(string name);

    /// <summary>Every scale set, in name order.</summary>
    [Alias("List")]
    Task<ImmutableArray<string>> ListAsync();
}
