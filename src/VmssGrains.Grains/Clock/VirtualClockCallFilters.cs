using System.Collections.Concurrent;
using System.Reflection;
using Orleans.Concurrency;
using VmssGrains.Abstractions;

namespace VmssGrains.Grains.Clock;

/// <summary>
/// Counts application grain calls as work in flight on the <see cref="VirtualClock"/>: a request from send
/// to response; a one-way call from send until the callee's method has finished. Only calls to the
/// simulation's own grain interfaces count; Orleans' system calls happen inside counted work anyway. A
/// <c>[ReadOnly]</c> call (a status read) does not count: it changes nothing the clock must wait for, and an
/// observer polling in a loop would otherwise hold simulated time still. A read made inside a decision is
/// covered by the decision's own count.
/// </summary>
public sealed class VirtualClockCallFilters(VirtualClock clock) : IOutgoingGrainCallFilter, IIncomingGrainCallFilter
{
    private static readonly Assembly Contracts = typeof(GrainKeys).Assembly;
    private static readonly ConcurrentDictionary<MethodInfo, bool> OneWay = new();
    private static readonly ConcurrentDictionary<MethodInfo, bool> ReadOnly = new();

    /// <inheritdoc/>
    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (!IsSimulationCall(context) || IsReadOnly(context.InterfaceMethod))
        {
            await context.Invoke();
            return;
        }

        clock.Enter();
        if (IsOneWay(context.InterfaceMethod))
        {
            // Released by the callee's incoming filter when its method ends.
            await context.Invoke();
            return;
        }

        try
        {
            await context.Invoke();
        }
        finally
        {
            clock.Exit();
        }
    }

    /// <inheritdoc/>
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (!IsSimulationCall(context) || !IsOneWay(context.InterfaceMethod))
        {
            await context.Invoke();
            return;
        }

        try
        {
            await context.Invoke();
        }
        finally
        {
            clock.Exit();
        }
    }

    private static bool IsSimulationCall(IGrainCallContext context) => context.InterfaceMethod?.DeclaringType?.Assembly == Contracts;

    /// <summary>A <c>[ReadOnly]</c> method: a read that changes nothing.</summary>
    internal static bool IsReadOnly(MethodInfo? method) =>
        method is not null && ReadOnly.GetOrAdd(method, m => m.GetCustomAttribute<ReadOnlyAttribute>() is not null);

    /// <summary>A <c>[OneWay]</c> method: its caller never hears how it ended.</summary>
    internal static bool IsOneWay(MethodInfo? method) =>
        method is not null && OneWay.GetOrAdd(method, m => m.GetCustomAttribute<OneWayAttribute>() is not null);
}
