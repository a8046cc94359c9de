namespace VmssGrains.Domain.Model;

/// <summary><c>upgradePolicy.mode</c>: what happens to existing instances when the model changes.</summary>
public enum UpgradeMode
{
    /// <summary>Nothing happens until the user updates chosen instances (the Azure default).</summary>
    Manual,

    /// <summary>Every stale instance upgrades at the same time, with no health gate.</summary>
    Automatic,

    /// <summary>Instances upgrade in health-gated batches.</summary>
    Rolling,
}

/// <summary><c>properties.orchestrationMode</c>.</summary>
public enum OrchestrationMode
{
    /// <summary>Identical instances managed by the scale set: every upgrade mode, draining, automatic OS upgrades.</summary>
    Uniform,

    /// <summary>Standard VMs grouped by the scale set: Manual only in the seed's table.</summary>
    Flexible,
}

/// <summary>Health of an instance as its health source (load balancer probe or Application Health extension) reports it.</summary>
public enum HealthState
{
    /// <summary>The probe succeeded <c>numberOfProbes</c> times in a row.</summary>
    Healthy,

    /// <summary>The probe fails.</summary>
    Unhealthy,

    /// <summary>Application Health extension: no verdict; counts as unhealthy.</summary>
    Unknown,

    /// <summary>Application Health extension: still starting; holds a rolling batch until it resolves or times out.</summary>
    Initializing,
}

/// <summary><c>automaticRepairsPolicy.repairAction</c>.</summary>
public enum RepairAction
{
    /// <summary>Delete the instance and create a new one with a new id.</summary>
    Replace,

    /// <summary>Reimage in place: same id, data disks kept.</summary>
    Reimage,

    /// <summary>Restart in place.</summary>
    Restart,
}
