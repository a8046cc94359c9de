using System.Collections.Concurrent;
using VmssGrains.Abstractions.Grains;
using VmssGrains.Domain.Instances;
using VmssGrains.Grains.Hosting;

namespace VmssGrains.Grains.VmInstance;

/// <summary>
/// The instance profiles this silo's instances act with, by key (a singleton of <c>AddVmssGrains</c>). A miss asks the
/// scale set the key names (<see cref="IScaleSetGrain.GetInstanceProfileAsync"/>, from the calling grain, so the virtual
/// clock counts the call); the pending call is cached, so concurrent misses share it. A key is never reused (a new
/// version or generation gets a new one), so entries never go stale; a failed call is forgotten and asked again.
/// </summary>
public sealed class InstanceProfileCache(IGrainFactory grains)
{
    private readonly ConcurrentDictionary<InstanceProfileKey, Lazy<Task<InstanceProfile>>> profiles = new();

    /// <summary>The profile <paramref name="key"/> names.</summary>
    /// <exception cref="Domain.AzureException">NotFound: the scale set keeps no such profile.</exception>
    public Task<InstanceProfile> GetAsync(InstanceProfileKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var entry = profiles.GetOrAdd(key, k => new Lazy<Task<InstanceProfile>>(() => grains.Reference<IScaleSetGrain>(k.ScaleSet).GetInstanceProfileAsync(k)));
        return entry.Value.IsCompletedSuccessfully ? entry.Value : ForgetOnFailureAsync(key, entry);
    }

    private async Task<InstanceProfile> ForgetOnFailureAsync(InstanceProfileKey key, Lazy<Task<InstanceProfile>> entry)
    {
        try
        {
            return await entry.Value;
        }
        catch
        {
            profiles.TryRemove(KeyValuePair.Create(key, entry));
            throw;
        }
    }
}
