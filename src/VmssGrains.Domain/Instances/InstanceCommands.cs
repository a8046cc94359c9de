using System.Collections.Immutable;
using VmssGrains.Domain.Model;

namespace VmssGrains.Domain.Instances;

/// <summary>An instruction the instance grain carries out.</summary>
public abstract record InstanceCommand;

/// <summary>Wake the instance after <see cref="Delay"/> of simulated time with <see cref="Token"/>.</summary>
public sealed record WakeInstanceAfter(TimeSpan Delay, long Token) : InstanceCommand;

/// <summary>Tell the load balancers the backend's pool membership and probe health.</summary>
public sealed record UpdateBackends(bool InPool, bool Healthy) : InstanceCommand;

/// <summary>Report the end of an operation to the scale set.</summary>
public sealed record ReportOperation(InstanceReport Report) : InstanceCommand;

/// <summary>Report a health change outside an operation to the scale set.</summary>
public sealed record ReportHealth(InstanceSummary Summary) : InstanceCommand;

/// <summary>The new state of an instance and what to do about it.</summary>
public sealed record InstanceTransition(InstanceState State, ImmutableArray<InstanceCommand> Commands)
{
    /// <summary>The instance is deleted: the carrier forgets it once the commands are carried out (it leaves its pools, its wake-ups are dropped).</summary>
    public bool Gone => State.ProvisioningState == "Deleted";
}
