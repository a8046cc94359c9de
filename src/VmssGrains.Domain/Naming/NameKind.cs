namespace VmssGrains.Domain.Naming;

/// <summary>The kinds of name a user gives the simulator, each with Azure's naming rule (<see cref="AzureNames"/>).</summary>
public enum NameKind
{
    /// <summary>A scale set (<c>Microsoft.Compute/virtualMachineScaleSets</c>).</summary>
    ScaleSet,

    /// <summary>A load balancer (<c>Microsoft.Network/loadBalancers</c>).</summary>
    LoadBalancer,

    /// <summary>A load balancer's probe or backend address pool (<c>loadBalancers/probes</c>, <c>loadBalancers/backendAddressPools</c>).</summary>
    LoadBalancerChild,

    /// <summary>A gallery image definition (<c>Microsoft.Compute/galleries/images</c>).</summary>
    GalleryImage,

    /// <summary>A gallery image version (<c>Microsoft.Compute/galleries/images/versions</c>).</summary>
    GalleryImageVersion,

    /// <summary>A scale set's VM extension (<c>virtualMachineScaleSets/extensions</c>).</summary>
    Extension,

    /// <summary>A Uniform scale set's instance id (<c>virtualMachineScaleSets/virtualMachines</c>).</summary>
    InstanceId,
}
