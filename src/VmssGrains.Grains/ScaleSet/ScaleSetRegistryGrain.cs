using System.Collections.Immutable;
using VmssGrains.Abstractions.Grains;

namespace VmssGrains.Grains.ScaleSet;

/// <summary>The names of every scale set, persisted.</summary>
public sealed class ScaleSetRegistryGrain([PersistentState("registry", StorageNames.Grains)] IPersistentState<SortedSet<string>> names) : Grain, IScaleSetRegistryGrain
{
    /// <inheritdoc/>
    public Task AddAsync(string name) => names.State.Add(name) ? names.WriteStateAsync() : Task.CompletedTask;

    /// <inheritdoc/>
    public Task RemoveAsync(string name) => names.State.Remove(name) ? names.WriteStateAsync() : Task.CompletedTask;

    /// <inheritdoc/>
    public Task<ImmutableArray<string>> ListAsync() => Task.FromResult(names.State.ToImmutableArray());
}
