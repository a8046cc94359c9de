using System.Collections.Immutable;
using VmssGrains.Domain.Rolling;

namespace VmssGrains.Domain.ScaleSets;

/// <summary>Order serials and redoing the orders that were lost with a silo (docs/durability.md).</summary>
internal sealed partial class ScaleSetDecision
{
    /// <summary>
    /// Numbers this decision's orders: each instance's next <see cref="Model.InstanceSummary.OrderSerial"/>, carried by
    /// the order and its report; the order is kept in <see cref="ScaleSetState.InFlight"/> until it is reported.
    /// </summary>
    public void NumberOrders()
    {
        // A batch gives hundreds of orders at once: both dictionaries are edited in place, then frozen once.
        ImmutableDictionary<string, Model.InstanceSummary>.Builder? instances = null;
        ImmutableDictionary<string, OrderRequest>.Builder? inFlight = null;
        for (var i = 0; i < Commands.Count; i++)
        {
            if (Commands[i] is not StartOrder start)
            {
                continue;
            }

            instances ??= S.Instances.ToBuilder();
            inFlight ??= S.InFlight.ToBuilder();
            var serial = 1L;
            if (instances.TryGetValue(start.InstanceId, out var summary))
            {
                serial = summary.OrderSerial + 1;
                instances[start.InstanceId] = summary with { OrderSerial = serial };
            }

            inFlight[start.InstanceId] = start.Order;
            Commands[i] = start with { Serial = serial };
        }

        if (instances is not null && inFlight is not null)
        {
            S = S with { Instances = instances.ToImmutable(), InFlight = inFlight.ToImmutable() };
        }
    }

    /// <summary>
    /// Gives again the orders in flight of <paramref name="lost"/>: an instance that lost its state is first created
    /// again from its summary (its model, image and placement; its report sequence goes on from the summary's), then
    /// the order starts from the beginning under a new serial, so a late report of the lost one is ignored. Instances
    /// with no order in flight (it was reported meanwhile) are left alone. One activity-log entry names them.
    /// </summary>
    private void Redo(ImmutableArray<LostOperation> lost, string reason)
    {
        var redone = new List<string>();
        foreach (var operation in lost.OrderBy(o => o.InstanceId, InstanceOrder.Instance))
        {
            if (!S.InFlight.TryGetValue(operation.InstanceId, out var order) || !S.Instances.TryGetValue(operation.InstanceId, out var summary))
            {
                continue;
            }

            if (operation.StateLost)
            {
                Commands.Add(new RestoreInstance(Respec(summary)));
            }

            Commands.Add(new StartOrder(operation.InstanceId, order));
            redone.Add(operation.InstanceId);
        }

        if (redone.Count > 0)
        {
            Audit("OperationsRedone", "Started", S.Run?.RunId, message: $"{reason}: the operations of instance(s) {Describe(redone)} were started again", caller: "Platform");
        }
    }

    /// <summary>The spec an instance that lost its state is created again from: what its summary says it runs.</summary>
    private InstanceSpec Respec(Model.InstanceSummary summary) => new()
    {
        InstanceId = summary.InstanceId,
        Zone = summary.Zone,
        FaultDomain = summary.FaultDomain,
        Image = summary.Image,
        ModelVersion = summary.ModelVersion,
        Deployed = summary.ProvisioningState != "Creating",
        LoadBalancers = ScaleSetQueries.ModelOf(S, summary.ModelVersion).AllLoadBalancers,
        Sequence = summary.Sequence,
    };
}
