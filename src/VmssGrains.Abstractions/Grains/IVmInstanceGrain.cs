using Orleans.Concurrency;
using VmssGrains.Domain.Instances;

namespace VmssGrains.Abstractions.Grains;

/// <summary>
/// One VM instance (key = <c>{scaleSet}/{instanceId}</c>, see <see cref="GrainKeys"/>). It carries out
/// operations on simulated timers and reports back one-way; it never waits for the scale set.
/// </summary>
[Alias("vmss.IVmInstanceGrain")]
public interface IVmInstanceGrain : IGrainWithStringKey
{
    /// <summary>Sets the initial state and joins the load balancers' pools.</summary>
    [Alias("Initialize")]
    Task InitializeAsync(InstanceState state);

    /// <summary>Starts an operation and returns at once; the result comes back through the scale set's report.</summary>
    [OneWay, Alias("Start")]
    Task StartAsync(UpgradeOrder order);

    /// <summary>The whole state: model, image, health, disks, extensions, protection.</summary>
    [Alias("GetState")]
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
