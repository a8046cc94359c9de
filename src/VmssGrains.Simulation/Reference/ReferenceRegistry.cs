using System.Collections.Immutable;
using VmssGrains.Abstractions.Grains;

namespace VmssGrains.Simulation.Reference;

/// <summary>The names of every scale set on the reference engine.</summary>
internal sealed class ReferenceRegistry(ReferenceEngine engine) : IScaleSetRegistryGrain
{
    private readonly SortedSet<string> names = [];

    public Task AddAsync(string name) => engine.Call(() => Set(name, exists: true));

    public Task RemoveAsync(string name) => engine.Call(() => Set(name, exists: false));

    public Task<ImmutableArray<string>> ListAsync() => engine.Call(() => names.ToImmutableArray());

    internal void Set(string name, bool exists) => _ = exists ? names.Add(name) : names.Remove(name);
}
