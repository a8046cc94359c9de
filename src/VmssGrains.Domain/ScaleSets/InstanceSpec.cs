using System.Collections.Immutable;
using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.ScaleSets;

/// <summary>
/// A new instance: where it is placed and what it starts from. <see cref="NewInstance"/> is the one rule for the state
/// it starts in, used by the scale-set machine (for its summary) and by the instance itself (on either engine).
/// </summary>
[GenerateSerializer, Immutable, Alias("vmss.InstanceSpec")]
public sealed record InstanceSpec
{
    /// <summary>The instance id.</summary>
    [Id(0)] public required string InstanceId { get; init; }

    /// <summary>Its availability zone, if any.</summary>
    [Id(1)] public string? Zone { get; init; }

    /// <summary>Its platform fault domain.</summary>
    [Id(2)] public int FaultDomain { get; init; }

    /// <summary>The image it runs, at a concrete version.</summary>
    [Id(3)] public required ImageReference Image { get; init; }

    /// <summary>The model version it is created on.</summary>
    [Id(4)] public int ModelVersion { get; init; }

    /// <summary>
    /// True: part of the scale set as created, already provisioned, healthy and in its pools. False: created by a
    /// scale-out, surge or repair, and not in service until a <see cref="Instances.OperationKind.Provision"/> order ends.
    /// </summary>
    [Id(5)] public bool Deployed { get; init; }

    /// <summary>The load balancers whose pools it belongs to.</summary>
    [Id(6)] public ImmutableArray<string> LoadBalancers { get; init; } = [];

    /// <summary>
    /// The report sequence the instance goes on from (<see cref="InstanceSummary.Sequence"/>): 0 for a new instance; the
    /// summary's for one created again after it lost its state, so its reports are newer than any the scale set holds.
    /// </summary>
    [Id(7)] public long Sequence { get; init; }

    /// <summary>The extensions a deployed instance has already run (the model's); none for one still to be provisioned.</summary>
    public ImmutableArray<ExtensionSpec> ExtensionsFrom(ScaleSetModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Deployed ? model.Extensions : [];
    }

    /// <summary>
    /// The state the instance starts from at <paramref name="now"/> (simulated): <see cref="Deployed"/>, in its pools,
    /// healthy, with <paramref name="extensions"/> run once (<see cref="InstanceMachine.Deployed"/>); otherwise being
    /// created (<see cref="InstanceMachine.New"/>). It refers to the scale set's <paramref name="profile"/>.
    /// </summary>
    public InstanceState NewInstance(string scaleSet, ImmutableArray<ExtensionSpec> extensions, InstanceProfileKey profile, DateTimeOffset now)
    {
        var state = Deployed
            ? InstanceMachine.Deployed(scaleSet, InstanceId, Zone, FaultDomain, ModelVersion, Image, extensions, LoadBalancers, profile, now)
            : InstanceMachine.New(scaleSet, InstanceId, Zone, FaultDomain, Image, LoadBalancers, profile, now);
        return Sequence == 0 ? state : state with { ReportSequence = Sequence };
    }
}
