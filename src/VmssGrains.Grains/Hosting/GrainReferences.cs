namespace VmssGrains.Grains.Hosting;

/// <summary>
/// References to string-keyed grains without Orleans' interface lookup at every call. <c>GetGrain&lt;T&gt;(string)</c>
/// resolves the interface's grain interface type on each call (its attributes, then its formatted type name):
/// about 5 % of a fleet run's thread time, on the paths every instance takes several times per operation. The grain type
/// and interface type of each interface are resolved once, from a reference made the usual way, and every
/// later reference is made from its grain id (<see cref="IGrainFactory.GetGrain(GrainId, GrainInterfaceType)"/>).
/// </summary>
public static class GrainReferences
{
    /// <summary>The grain of type <typeparamref name="T"/> with key <paramref name="key"/>, as <c>GetGrain&lt;T&gt;(key)</c> gives it.</summary>
    public static T Reference<T>(this IGrainFactory grains, string key)
        where T : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(grains);
        var types = Types<T>.Resolved ??= Resolve<T>(grains);
        return (T)grains.GetGrain(GrainId.Create(types.Type, key), types.Interface);
    }

    private static ResolvedTypes Resolve<T>(IGrainFactory grains)
        where T : IGrainWithStringKey
    {
        var reference = (GrainReference)(object)grains.GetGrain<T>("resolve");
        return new ResolvedTypes(reference.GrainId.Type, reference.InterfaceType);
    }

    /// <summary>An interface's types, one object: published by one reference write, so a thread never sees half of them.</summary>
    private sealed record ResolvedTypes(GrainType Type, GrainInterfaceType Interface);

    /// <summary>
    /// The types of <typeparamref name="T"/>: the same in every cluster of the process (derived from the grain classes and
    /// interfaces by Orleans' naming conventions), so kept once per interface.
    /// </summary>
    private static class Types<T>
    {
        public static ResolvedTypes? Resolved;
    }
}
