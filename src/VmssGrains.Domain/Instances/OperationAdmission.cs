namespace VmssGrains.Domain.Instances;

/// <summary>
/// Whether an instance takes a new order. An instance runs one operation at a time: while an operation has not
/// reported, a new order is the caller's mistake (<see cref="InstanceBusyException"/>). The one operation a new order
/// may supersede is a settling one (<see cref="Supersedable"/>).
/// </summary>
internal static class OperationAdmission
{
    /// <summary>
    /// A settling operation: an ungated one (Automatic or Manual upgrade mode) that already reported its result and only
    /// waits for the health source. The scale set counts the instance as free (not busy), so a later run, a manual
    /// upgrade or a scale-in may send the next order now; the new operation replaces it, its probe ends unrecorded
    /// and its pending wake-up is ignored.
    /// </summary>
    public static bool Supersedable(ActiveOperation active) => active.Reported;

    /// <summary>Refuses <paramref name="order"/> when an operation on <paramref name="state"/> has not reported.</summary>
    /// <exception cref="InstanceBusyException">An operation that has not reported is under way.</exception>
    public static void Admit(InstanceState state, UpgradeOrder order)
    {
        if (state.Active is { } active && !Supersedable(active))
        {
            throw new InstanceBusyException(state, order.RunId, order.Kind);
        }
    }
}
