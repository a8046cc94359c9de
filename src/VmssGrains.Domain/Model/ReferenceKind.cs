namespace VmssGrains.Domain.Model;

/// <summary>What a scale set's resource names outside itself (<see cref="ModelReference"/>).</summary>
public enum ReferenceKind
{
    /// <summary><c>storageProfile.imageReference</c>: a gallery image, pinned to a version or following <c>latest</c>.</summary>
    GalleryImage,

    /// <summary><c>networkProfile.healthProbe.id</c>: a load balancer's probe.</summary>
    HealthProbe,

    /// <summary><c>ipConfigurations[].properties.loadBalancerBackendAddressPools[].id</c>: a load balancer's backend pool.</summary>
    BackendPool,
}
