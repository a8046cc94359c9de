using System.Collections.Immutable;
using Orleans.Concurrency;
using VmssGrains.Abstractions.Views;
using VmssGrains.Domain.Faults;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.ScaleSets;

namespace VmssGrains.Abstractions.Grains;

/// <summary>
/// A virtual machine scale set (key = its name): the model and its version, the instances, the upgrade
/// runs. Operations that take simulated time return an <see cref="OperationStatus"/> at once; nothing
/// here waits for simulated time.
/// </summary>
/// <remarks>
/// Status reads are <c>[ReadOnly, AlwaysInterleave]</c>: they are served while a decision awaits the calls it makes (a
/// decision assigns its new state before its first await, and reads only return that immutable state), so observers
/// never queue behind the run they observe; and the virtual clock does not count them as work in flight
/// (<c>VirtualClockCallFilters</c>), so polling never holds simulated time still.
/// </remarks>
[Alias("vmss.IScaleSetGrain")]
public interface IScaleSetGrain : IGrainWithStringKey
{
    /// <summary>Creates the scale set from its Azure resource JSON (PUT), or replaces the model of an existing one.</summary>
    [Alias("CreateOrUpdate")]
    Task<OperationStatus> CreateOrUpdateAsync(string resourceJson, SimulationSettings? settings = null, CancellationToken cancellationToken = default);

    /// <summary>Applies a JSON merge patch to the resource (PATCH). An empty patch is allowed: in Rolling mode it starts a new run over stale instances.</summary>
    [Alias("Update")]
    Task<OperationStatus> UpdateAsync(string mergePatchJson, CancellationToken cancellationToken = default);

    /// <summary>The resource JSON as <c>az vmss show</c> prints it.</summary>
    [ReadOnly, AlwaysInterleave, Alias("Get")]
    Task<string> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>True once created.</summary>
    [ReadOnly, AlwaysInterleave, Alias("Exists")]
    Task<bool> ExistsAsync();

    /// <summary>Deletes the scale set and its instances.</summary>
    [Alias("Delete")]
    Task DeleteAsync(CancellationToken cancellationToken = default);

    /// <summary>Sets <c>sku.capacity</c>: new instances get the latest model; scale-in skips protected instances.</summary>
    [Alias("Scale")]
    Task<OperationStatus> ScaleAsync(int capacity, CancellationToken cancellationToken = default);

    /// <summary>Starts a rolling OS image upgrade (<c>osRollingUpgrade</c>) to the latest image version.</summary>
    [Alias("StartOSUpgrade")]
    Task<OperationStatus> StartOSUpgradeAsync(CancellationToken cancellationToken = default);

    /// <summary>Starts a rolling re-run of the extensions (<c>extensionRollingUpgrade</c>).</summary>
    [Alias("StartExtensionUpgrade")]
    Task<OperationStatus> StartExtensionUpgradeAsync(CancellationToken cancellationToken = default);

    /// <summary>Cancels the rolling upgrade in progress: no new batch starts; the batch in flight finishes.</summary>
    [Alias("Cancel")]
    Task CancelRollingUpgradeAsync(CancellationToken cancellationToken = default);

    /// <summary>The latest rolling upgrade (<c>rollingUpgrades/latest</c>), or null when there never was one.</summary>
    [ReadOnly, AlwaysInterleave, Alias("GetLatest")]
    Task<RunRecord?> GetLatestRollingUpgradeAsync(CancellationToken cancellationToken = default);

    /// <summary>Brings the named instances to the latest model (<c>manualupgrade</c>), all at once.</summary>
    [Alias("UpdateInstances")]
    Task<OperationStatus> UpdateInstancesAsync(ImmutableArray<string> instanceIds, CancellationToken cancellationToken = default);

    /// <summary>Reimages the named instances, or every instance when none is named; <paramref name="all"/> wipes data disks too.</summary>
    [Alias("Reimage")]
    Task<OperationStatus> ReimageAsync(ImmutableArray<string> instanceIds, bool all, CancellationToken cancellationToken = default);

    /// <summary>Sets the protection policy of the named instances.</summary>
    [Alias("SetProtectionPolicy")]
    Task SetProtectionPolicyAsync(ImmutableArray<string> instanceIds, bool protectFromScaleIn, bool protectFromScaleSetActions, CancellationToken cancellationToken = default);

    /// <summary>The instances as the scale set knows them, in id order.</summary>
    [ReadOnly, AlwaysInterleave, Alias("ListInstances")]
    Task<ImmutableArray<InstanceSummary>> ListInstancesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// One page of the instances (<c>list-instances --top</c>): at most <paramref name="top"/> (1 to 1,000) in id order
    /// after the instance <paramref name="skipToken"/> names (null: from the first), only those whose
    /// <c>latestModelApplied</c> is <paramref name="latestModelApplied"/> when given; <see cref="InstancePage.SkipToken"/> asks
    /// for the next page. <c>NotFound</c> for a scale set that does not exist, <c>InvalidParameter</c> for a bad size or token.
    /// </summary>
    [ReadOnly, AlwaysInterleave, Alias("ListInstancesPage")]
    Task<InstancePage> ListInstancesPageAsync(int top, string? skipToken, bool? latestModelApplied = null, CancellationToken cancellationToken = default);

    /// <summary>Everything a report or a watch view needs, in one call.</summary>
    [ReadOnly, AlwaysInterleave, Alias("GetSnapshot")]
    Task<ScaleSetSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default);

    /// <summary>True when no run, scale operation or instance operation is under way (drivers of a remote cluster poll this).</summary>
    [ReadOnly, AlwaysInterleave, Alias("IsSettled")]
    Task<bool> IsSettledAsync();

    /// <summary>A long-running operation's status.</summary>
    [ReadOnly, AlwaysInterleave, Alias("GetOperation")]
    Task<OperationStatus> GetOperationAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Adds injected faults.</summary>
    [Alias("AddFaults")]
    Task AddFaultsAsync(FaultRules faults, CancellationToken cancellationToken = default);

    /// <summary>Fails (<paramref name="unhealthy"/>) or heals named instances now (the <c>unhealthy</c> fault).</summary>
    [Alias("SetUnhealthy")]
    Task SetUnhealthyAsync(ImmutableArray<string> instanceIds, bool unhealthy, CancellationToken cancellationToken = default);

    /// <summary>The activity log, oldest first, filtered.</summary>
    [ReadOnly, AlwaysInterleave, Alias("GetActivityLog")]
    Task<ImmutableArray<AuditRecord>> GetActivityLogAsync(ActivityLogQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Approves deferred automatic OS upgrades (<c>osRollingUpgradeDeferral</c>) of the named instances, or of
    /// every instance when none is named.
    /// </summary>
    [Alias("ApproveRollingUpgrade")]
    Task ApproveRollingUpgradeAsync(ImmutableArray<string> instanceIds, CancellationToken cancellationToken = default);

    /// <summary>The gallery published a version of the image this scale set follows. One-way.</summary>
    [OneWay, Alias("OnImageVersionPublished")]
    Task OnImageVersionPublishedAsync(ImageVersionInfo version);

    /// <summary>An instance finished an operation. One-way: instances never wait for the scale set.</summary>
    /// <summary>
    /// The gallery's catalog changed (versions were added): the scale set resolves images from this copy. Interleaved
    /// with any call under way (the gallery awaits it while the scale set may await the gallery); it only stores the copy.
    /// </summary>
    [AlwaysInterleave, Alias("OnImageCatalogChanged")]
    Task OnImageCatalogChangedAsync(ImageCatalog catalog);

    /// <summary>
    /// The state of instance <paramref name="instanceId"/> if it waits in this scale set (docs/machines.md#deferred-creation):
    /// created and not built yet (the state it was created in, <see cref="InstanceCreation.NewInstance"/>), or parked
    /// (<see cref="ParkInstanceAsync"/>). Handed over once: the instance takes it on its first call, whatever it is (an
    /// order included), in its own turn. Null otherwise. Interleaved: the scale set may be waiting for that very call.
    /// </summary>
    [AlwaysInterleave, Alias("TakeInstance")]
    Task<InstanceState?> TakeInstanceAsync(string instanceId);

    /// <summary>
    /// An idle instance hands its whole <paramref name="state"/> to its scale set and deactivates
    /// (docs/machines.md#parking): it is kept here until its next call takes it (<see cref="TakeInstanceAsync"/>).
    /// Memory store only. Interleaved: it only stores the state, and the scale set may be awaiting the very call the
    /// instance parks from.
    /// </summary>
    [AlwaysInterleave, Alias("ParkInstance")]
    Task ParkInstanceAsync(InstanceState state);

    /// <summary>
    /// A version of this scale set's instance profile (seed, timing, faults), for an instance resolving the key its order
    /// or state names (<c>NotFound</c> when not kept). Interleaved with any call under way (the scale set may itself be
    /// awaiting that instance's <c>InitializeAsync</c>); it only reads the state.
    /// </summary>
    [AlwaysInterleave, Alias("GetInstanceProfile")]
    Task<InstanceProfile> GetInstanceProfileAsync(InstanceProfileKey key);

    [OneWay, Alias("OnInstanceReport")]
    Task OnInstanceReportAsync(InstanceReport report);

    /// <summary>An instance's health changed outside an operation. One-way.</summary>
    [OneWay, Alias("OnInstanceHealth")]
    Task OnInstanceHealthAsync(InstanceSummary summary);
}
