using VmssGrains.Domain.Instances;
using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.ScaleSets;

/// <summary>
/// Makes the orders of one decision's <see cref="StartOrder"/> commands, for either engine: one order per
/// <see cref="OrderRequest"/> (a batch shares one), with the health source of its model version read once
/// (<see cref="UpgradeOrders.Health"/>). The carrier supplies only how a load balancer's probe is read.
/// </summary>
/// <param name="state">The scale set's state after the decision (models, current instance profile).</param>
/// <param name="readProbe">
/// Reads the probe of the named load balancer: its <c>intervalInSeconds</c> (wall seconds of the definition) and
/// <c>numberOfProbes</c>.
/// </param>
/// <param name="batchTraceParent">The trace context (W3C traceparent) of the batch under way, for orders of the batch.</param>
public sealed class UpgradeOrderBuilder(
    ScaleSetState state,
    Func<string, ValueTask<(int IntervalInSeconds, int NumberOfProbes)>> readProbe,
    Func<string?> batchTraceParent)
{
    private readonly Dictionary<OrderRequest, Task<UpgradeOrder>> orders = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<int, Task<HealthCheck>> health = [];

    /// <summary>
    /// The order for <paramref name="request"/>: made once, then the same for every instance it is given to, even when
    /// the carrier asks for many at once (concurrent asks share the one being made, and its one probe read).
    /// </summary>
    /// <exception cref="AzureException">NotFound: the scale set does not exist.</exception>
    public ValueTask<UpgradeOrder> OrderAsync(OrderRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!orders.TryGetValue(request, out var order))
        {
            orders[request] = order = MakeAsync(request);
        }

        return new(order);
    }

    private async Task<UpgradeOrder> MakeAsync(OrderRequest request)
    {
        var profile = state.Profile ?? throw AzureException.NotFound($"scale set '{state.Name}' does not exist");
        var model = ScaleSetQueries.ModelOf(state, request.ModelVersion);
        if (!health.TryGetValue(request.ModelVersion, out var check))
        {
            health[request.ModelVersion] = check = HealthAsync(model, profile);
        }

        return UpgradeOrders.From(request, model, await check, profile.Key, request.InBatch ? batchTraceParent() : null);
    }

    private async Task<HealthCheck> HealthAsync(ScaleSetModel model, InstanceProfile profile)
    {
        var probe = model.HealthProbe is { } reference ? await readProbe(reference.LoadBalancer) : default;
        return UpgradeOrders.Health(model, probe.IntervalInSeconds, probe.NumberOfProbes, profile.Timing);
    }
}
