using System.Collections.Immutable;
using VmssGrains.Domain.Faults;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.ScaleSets;

/// <summary>Something that happened to a scale set: a request, a report from an instance, a wake-up, the gallery.</summary>
public abstract record ScaleSetEvent;

/// <summary>PUT: creates the scale set, or replaces its model (<paramref name="Settings"/> only apply at creation; null: the host's seed).</summary>
public sealed record PutRequested(string ResourceJson, SimulationSettings? Settings = null) : ScaleSetEvent;

/// <summary>PATCH: a JSON merge patch (RFC 7396) of the resource.</summary>
public sealed record PatchRequested(string MergePatchJson) : ScaleSetEvent;

/// <summary>Sets <c>sku.capacity</c>.</summary>
public sealed record ScaleRequested(int Capacity) : ScaleSetEvent;

/// <summary>startOSUpgrade: an OS rolling upgrade to the model's image.</summary>
public sealed record OSUpgradeRequested : ScaleSetEvent;

/// <summary>An extension rolling upgrade.</summary>
public sealed record ExtensionUpgradeRequested : ScaleSetEvent;

/// <summary>manualUpgrade (updateInstances) of the named instances.</summary>
public sealed record UpdateInstancesRequested(ImmutableArray<string> InstanceIds) : ScaleSetEvent;

/// <summary>reimage (or reimageall) of the named instances, or of every instance when none is named.</summary>
public sealed record ReimageRequested(ImmutableArray<string> InstanceIds, bool All) : ScaleSetEvent;

/// <summary>cancel of the rolling upgrade under way.</summary>
public sealed record CancelRollingUpgradeRequested : ScaleSetEvent;

/// <summary>approveRollingUpgrade of deferred instances (none named: all).</summary>
public sealed record ApproveRequested(ImmutableArray<string> InstanceIds) : ScaleSetEvent;

/// <summary>Sets the protection policy of the named instances.</summary>
public sealed record ProtectionRequested(ImmutableArray<string> InstanceIds, bool ProtectFromScaleIn, bool ProtectFromScaleSetActions) : ScaleSetEvent;

/// <summary>Adds fault rules to the scale set's: a new version of its instance profile.</summary>
public sealed record FaultsAdded(FaultRules Faults) : ScaleSetEvent;

/// <summary>Deletes the scale set and its instances.</summary>
public sealed record DeleteRequested : ScaleSetEvent;

/// <summary>An instance ended an operation the scale set ordered.</summary>
public sealed record InstanceReported(InstanceReport Report) : ScaleSetEvent;

/// <summary>
/// Instances whose order in flight was lost (docs/durability.md): their silo died (<see cref="LostOperation.StateLost"/>:
/// the instance starts again from the scale set's summary) or the order never reached them. Each order is given again
/// under a new serial; <paramref name="Reason"/> goes to the activity log.
/// </summary>
public sealed record InstanceOperationsLost(ImmutableArray<LostOperation> Operations, string Reason) : ScaleSetEvent;

/// <summary>An instance's health changed outside an operation.</summary>
public sealed record InstanceHealthChanged(InstanceSummary Summary) : ScaleSetEvent;

/// <summary>A wake-up the machine asked for (<see cref="WakeUp"/>) is due.</summary>
public sealed record WakeUpDue(long Token) : ScaleSetEvent;

/// <summary>A version of an image the scale set follows was published (its replication ended).</summary>
public sealed record ImageVersionPublished(ImageVersionInfo Version) : ScaleSetEvent;

/// <summary>The gallery's catalog changed (versions were added).</summary>
public sealed record CatalogChanged(ImageCatalog Catalog) : ScaleSetEvent;

/// <summary>The <c>unhealthy</c> fault starts (<paramref name="Unhealthy"/>) or ends on the named instances.</summary>
public sealed record UnhealthyRequested(ImmutableArray<string> InstanceIds, bool Unhealthy) : ScaleSetEvent;
