namespace VmssGrains.Domain.Model;

/// <summary>A load balancer named by a backend pool or probe id (<c>.../loadBalancers/{lb}/probes/{probe}</c>).</summary>
[GenerateSerializer, Immutable, Alias("vmss.LoadBalancerReference")]
public sealed record LoadBalancerReference([property: Id(0)] string LoadBalancer, [property: Id(1)] string Child)
{
    /// <summary>Parses a load balancer child resource id; null when the id names no load balancer.</summary>
    public static LoadBalancerReference? FromId(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        var segments = id.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var index = Array.FindIndex(segments, s => s.Equals("loadBalancers", StringComparison.OrdinalIgnoreCase));
        if (index < 0 || index + 1 >= segments.Length)
        {
            return null;
        }

        return new LoadBalancerReference(segments[index + 1], index + 3 < segments.Length ? segments[index + 3] : "");
    }
}
