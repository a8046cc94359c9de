namespace VmssGrains.Abstractions.Views;

/// <summary>
/// One change to a load balancer's backend pool: register or update a backend (its pool membership and probe health),
/// or remove it (<paramref name="Registered"/> false).
/// </summary>
/// <param name="Backend">The backend's key: the instance grain's key, <c>scaleSet/instanceId</c>.</param>
/// <param name="Registered">False: the backend leaves the pool for good (its instance was deleted).</param>
/// <param name="InPool">Member of the backend pool (false while it is drained for an operation).</param>
/// <param name="Healthy">The probe sees it healthy.</param>
[GenerateSerializer, Immutable, Alias("vmss.BackendUpdate")]
public sealed record BackendUpdate(
    [property: Id(0)] string Backend,
    [property: Id(1)] bool Registered,
    [property: Id(2)] bool InPool,
    [property: Id(3)] bool Healthy);
