namespace VmssGrains.Domain.Instances;

/// <summary>What an instance answers when its scale set checks on an order in flight (<see cref="InstanceMachine.CheckOrder"/>, the instance grain's <c>CheckOrderAsync</c>).</summary>
[GenerateSerializer, Alias("vmss.OrderCheck")]
public enum OrderCheck
{
    /// <summary>The order is being carried out.</summary>
    Running,

    /// <summary>The order ended and was reported; the report was sent again (the first may have been lost).</summary>
    Reported,

    /// <summary>The instance has its state but never received the order: it will ignore it if it comes now.</summary>
    Missing,

    /// <summary>The instance has no state (its silo died): it must be created again; a late order is ignored.</summary>
    Lost,
}
