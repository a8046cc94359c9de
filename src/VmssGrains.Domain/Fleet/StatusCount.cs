namespace VmssGrains.Domain.Fleet;

/// <summary>One entry of Azure's <c>statusesSummary</c>: a status code (<c>ProvisioningState/succeeded</c>) and how many instances have it.</summary>
/// <param name="Code">Azure's status code: <c>ProvisioningState/{state}</c> or <c>HealthState/{health}</c>, lower case after the slash.</param>
/// <param name="Count">The instances with that status.</param>
public readonly record struct StatusCount(string Code, int Count);
