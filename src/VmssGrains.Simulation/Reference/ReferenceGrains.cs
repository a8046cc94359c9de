using VmssGrains.Abstractions;
using VmssGrains.Abstractions.Grains;

namespace VmssGrains.Simulation.Reference;

/// <summary>
/// The reference engine's <see cref="IGrainFactory"/>: plain objects with the grain interfaces of
/// <c>VmssGrains.Abstractions</c> (scale sets, instances, load balancers, the gallery, the registry, the clock), created
/// when first asked for, as grains are activated. Only string and integer keys of those interfaces are supported;
/// every other member throws <see cref="NotSupportedException"/>. Single-threaded: one driver at a time.
/// </summary>
public sealed class ReferenceGrains : IGrainFactory
{
    private readonly Dictionary<string, ReferenceScaleSet> scaleSets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReferenceInstance> instances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ReferenceLoadBalancer> loadBalancers = new(StringComparer.Ordinal);
    private ReferenceGallery? gallery;
    private ReferenceRegistry? registry;

    /// <summary>Creates the objects of one simulation on <paramref name="engine"/>.</summary>
    public ReferenceGrains(ReferenceEngine engine) => Engine = engine;

    /// <summary>The engine the objects run on.</summary>
    public ReferenceEngine Engine { get; }

    internal ReferenceGallery Gallery => gallery ??= new ReferenceGallery(this);

    internal ReferenceRegistry Registry => registry ??= new ReferenceRegistry(Engine);

    /// <inheritdoc/>
    public TGrainInterface GetGrain<TGrainInterface>(string primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithStringKey
    {
        object grain = typeof(TGrainInterface) switch
        {
            var t when t == typeof(IScaleSetGrain) => ScaleSet(primaryKey),
            var t when t == typeof(IVmInstanceGrain) => Instance(primaryKey),
            var t when t == typeof(ILoadBalancerGrain) => LoadBalancer(primaryKey),
            var t when t == typeof(IImageGalleryGrain) && primaryKey == GrainKeys.Gallery => Gallery,
            var t when t == typeof(IScaleSetRegistryGrain) && primaryKey == GrainKeys.Registry => Registry,
            _ => throw Unsupported($"{typeof(TGrainInterface).Name} '{primaryKey}'"),
        };
        return (TGrainInterface)grain;
    }

    /// <inheritdoc/>
    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerKey =>
        typeof(TGrainInterface) == typeof(IClusterClockGrain)
            ? (TGrainInterface)(object)new ReferenceClusterClock(Engine)
            : throw Unsupported($"{typeof(TGrainInterface).Name} {primaryKey}");

    /// <inheritdoc/>
    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidKey => throw Unsupported("Guid keys");

    /// <inheritdoc/>
    public TGrainInterface GetGrain<TGrainInterface>(Guid primaryKey, string keyExtension, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithGuidCompoundKey => throw Unsupported("compound keys");

    /// <inheritdoc/>
    public TGrainInterface GetGrain<TGrainInterface>(long primaryKey, string keyExtension, string? grainClassNamePrefix = null)
        where TGrainInterface : IGrainWithIntegerCompoundKey => throw Unsupported("compound keys");

    /// <inheritdoc/>
    public TGrainObserverInterface CreateObjectReference<TGrainObserverInterface>(IGrainObserver obj)
        where TGrainObserverInterface : IGrainObserver => throw Unsupported("observers");

    /// <inheritdoc/>
    public void DeleteObjectReference<TGrainObserverInterface>(IGrainObserver obj)
        where TGrainObserverInterface : IGrainObserver => throw Unsupported("observers");

    /// <inheritdoc/>
    public IGrain GetGrain(Type grainInterfaceType, Guid grainPrimaryKey) => throw Unsupported("untyped references");

    /// <inheritdoc/>
    public IGrain GetGrain(Type grainInterfaceType, long grainPrimaryKey) => throw Unsupported("untyped references");

    /// <inheritdoc/>
    public IGrain GetGrain(Type grainInterfaceType, string grainPrimaryKey) => throw Unsupported("untyped references");

    /// <inheritdoc/>
    public IGrain GetGrain(Type grainInterfaceType, Guid grainPrimaryKey, string keyExtension) => throw Unsupported("untyped references");

    /// <inheritdoc/>
    public IGrain GetGrain(Type grainInterfaceType, long grainPrimaryKey, string keyExtension) => throw Unsupported("untyped references");

    /// <inheritdoc/>
    public TGrainInterface GetGrain<TGrainInterface>(GrainId grainId)
        where TGrainInterface : IAddressable => throw Unsupported("grain ids");

    /// <inheritdoc/>
    public IAddressable GetGrain(Type grainInterfaceType, IdSpan grainPrimaryKey) => throw Unsupported("untyped references");

    /// <inheritdoc/>
    public IAddressable GetGrain(Type interfaceType, IdSpan grainKey, string grainClassNamePrefix) => throw Unsupported("untyped references");

    /// <inheritdoc/>
    public IAddressable GetGrain(GrainId grainId) => throw Unsupported("grain ids");

    /// <inheritdoc/>
    public IAddressable GetGrain(GrainId grainId, GrainInterfaceType interfaceType) => throw Unsupported("grain ids");

    internal ReferenceScaleSet ScaleSet(string name) =>
        scaleSets.TryGetValue(name, out var scaleSet) ? scaleSet : scaleSets[name] = new ReferenceScaleSet(this, name);

    internal ReferenceInstance Instance(string scaleSet, string instanceId) => Instance(GrainKeys.Instance(scaleSet, instanceId));

    internal ReferenceLoadBalancer LoadBalancer(string name) =>
        loadBalancers.TryGetValue(name, out var loadBalancer) ? loadBalancer : loadBalancers[name] = new ReferenceLoadBalancer(Engine, name);

    private ReferenceInstance Instance(string key) =>
        instances.TryGetValue(key, out var instance) ? instance : instances[key] = new ReferenceInstance(this, key);

    private static NotSupportedException Unsupported(string what) => new($"the reference engine does not support {what}: it serves the scenario driver and the report");
}
