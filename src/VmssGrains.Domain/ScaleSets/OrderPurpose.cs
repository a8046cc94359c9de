namespace VmssGrains.Domain.ScaleSets;

/// <summary>Why the scale set gave an instance an order: what its report ends.</summary>
public enum OrderPurpose
{
    /// <summary>An instance of the run under way (its run id).</summary>
    Run,

    /// <summary>A scale operation's creation or deletion.</summary>
    Scale,

    /// <summary>maxSurge: a new instance that replaces one of the run's.</summary>
    Surge,

    /// <summary>maxSurge: the old instance, deleted once its replacement is healthy.</summary>
    SurgeDelete,

    /// <summary>maxSurge: a new instance that never became healthy, deleted.</summary>
    SurgeCleanup,

    /// <summary>rollbackFailedInstancesOnPolicyBreach: a failed instance returning to its previous model.</summary>
    Rollback,

    /// <summary>An automatic repair (reimage, restart, or the replacing instance).</summary>
    Repair,

    /// <summary>An automatic repair: the replaced instance, deleted.</summary>
    RepairDelete,
}
