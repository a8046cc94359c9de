using System.Reflection;
using VmssGrains.Abstractions;
using VmssGrains.Grains.Clock;

namespace VmssGrains.Grains.Hosting;

/// <summary>
/// Catches what a one-way call to a grain interface of <see cref="Contracts"/> throws: its caller never hears
/// of it and Orleans drops it, so it becomes the simulation's fault (<see cref="SimulationFaults"/>) instead.
/// <c>AddVmssGrains</c> registers one for the simulation's own interfaces on every clock.
/// </summary>
/// <param name="contracts">The assembly whose grain interfaces are watched (the simulation's when null).</param>
public sealed class OneWayFaultFilter(Assembly? contracts = null) : IIncomingGrainCallFilter
{
    /// <summary>The assembly whose grain interfaces are watched.</summary>
    public Assembly Contracts { get; } = contracts ?? typeof(GrainKeys).Assembly;

    /// <inheritdoc/>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod?.DeclaringType?.Assembly != Contracts || !VirtualClockCallFilters.IsOneWay(context.InterfaceMethod))
        {
            await context.Invoke();
            return;
        }

        try
        {
            await context.Invoke();
        }
        catch (Exception e)
        {
            SimulationFaults.Report(context.TargetContext, $"the one-way call {context.InterfaceMethod.DeclaringType.Name}.{context.InterfaceMethod.Name} to {context.TargetId}", e);
        }
    }
}
