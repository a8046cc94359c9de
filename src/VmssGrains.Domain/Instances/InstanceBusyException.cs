namespace VmssGrains.Domain.Instances;

/// <summary>
/// An order reached an instance while another operation on it has not reported yet: an instance runs one operation
/// at a time, and whoever sends orders (the scale set) waits for the report first. This is the simulation's own
/// fault, not an Azure error. The message is one line naming the instance, both operations and their runs, e.g.
/// <c>instance '0' of scale set 'web' is busy: it cannot start Delete for run 'scale' while Upgrade for run 'run-1' has not reported</c>.
/// </summary>
public sealed class InstanceBusyException : InvalidOperationException
{
    /// <summary>Creates the exception for the order of <paramref name="runId"/> (<paramref name="kind"/>) refused by <paramref name="instance"/>.</summary>
    public InstanceBusyException(InstanceState instance, string runId, OperationKind kind)
        : base(Describe(instance, runId, kind))
    {
        ScaleSet = instance.ScaleSet;
        InstanceId = instance.InstanceId;
        ActiveRunId = instance.Active?.Order.RunId ?? "";
        ActiveKind = instance.Active?.Order.Kind ?? default;
        RunId = runId;
        Kind = kind;
    }

    /// <summary>The instance's scale set.</summary>
    public string ScaleSet { get; }

    /// <summary>The instance id.</summary>
    public string InstanceId { get; }

    /// <summary>The run (or operation) of the operation under way.</summary>
    public string ActiveRunId { get; }

    /// <summary>What the operation under way does.</summary>
    public OperationKind ActiveKind { get; }

    /// <summary>The run of the refused order.</summary>
    public string RunId { get; }

    /// <summary>What the refused order asked for.</summary>
    public OperationKind Kind { get; }

    private static string Describe(InstanceState instance, string runId, OperationKind kind) =>
        $"instance '{instance.InstanceId}' of scale set '{instance.ScaleSet}' is busy: it cannot start {kind} for run '{runId}' while {instance.Active?.Order.Kind} for run '{instance.Active?.Order.RunId}' has not reported";
}
