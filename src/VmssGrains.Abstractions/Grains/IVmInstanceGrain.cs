using System.Collections.Immutable;
using Orleans.Concurrency;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.ScaleSets;

namespace VmssGrains.Abstractions.Grains;

/// <summary>
/// One VM instance (key = <c>{scaleSet}/{instanceId}</c>, see <see cref="GrainKeys"/>). It carries out
/// operations on simulated timers and reports back one-way; it never waits for the scale set.
/// </summary>
[Alias("vmss.IVmInstanceGrain")]
public interface IVmInstanceGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the instance from what it needs to exist: its <paramref name="spec"/> (placement, image, model version,
    /// deployed or to be provisioned), the model's <paramref name="extensions"/> a deployed instance has already run,
    /// and the key of its scale set's instance <paramref name="profile"/>; the scale set's name is the key's first part.
    /// It builds its own state (<see cref="InstanceSpec.NewInstance"/>) and joins the load balancers' pools.
    /// </summary>
    [Alias("Initialize")]
    Task InitializeAsync(InstanceSpec spec, ImmutableArray<ExtensionSpec> extensions, InstanceProfileKey profile);

    /// <summary>
    /// Starts an operation and returns at once; the result comes back through the scale set's report. An instance whose
    /// state waits in its scale set (created and not built yet, or parked) takes it first, as any first call does.
    /// </summary>
    [OneWay, Alias("Start")]
    Task StartAsync(UpgradeOrder order);

    /// <summary>
    /// Where the order with serial <paramref name="orderSerial"/> (<see cref="UpgradeOrder.Serial"/>) stands on this
    /// instance (docs/durability.md): asked by a scale set on a durable store for each order in flight. Answering
    /// <see cref="OrderCheck.Missing"/> or <see cref="OrderCheck.Lost"/> makes the instance ignore that order (and older
    /// ones) should it still arrive: the scale set gives it again under a new serial. <see cref="OrderCheck.Reported"/>
    /// sends the report again.
    /// </summary>
    [Alias("CheckOrder")]
    Task<OrderCheck> CheckOrderAsync(long orderSerial);

    /// <summary>
    /// The whole state: model, image, health, disks, extensions, protection. Read-only (the virtual clock does not count
    /// it as work), but not interleaved: an instance applies a step across awaits, and a read waits for the step to end.
    /// </summary>
    [ReadOnly, Alias("GetState")]
    Task<InstanceState?> GetStateAsync();

    /// <summary>Starts (true) or ends an <c>unhealthy</c> fault.</summary>
    [Alias("SetUnhealthy")]
    Task SetUnhealthyAsync(bool unhealthy);

    /// <summary>Sets the protection policy.</summary>
    [Alias("SetProtection")]
    Task SetProtectionAsync(bool protectFromScaleIn, bool protectFromScaleSetActions);

    /// <summary>Writes a file on the OS disk or the data disk (to see what a reimage keeps).</summary>
    [Alias("WriteFile")]
    Task WriteFileAsync(bool dataDisk, string path);

    /// <summary>Forgets the instance after its deletion.</summary>
    [Alias("Remove")]
    Task RemoveAsync();
}
