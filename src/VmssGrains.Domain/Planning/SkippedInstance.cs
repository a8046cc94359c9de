namespace VmssGrains.Domain.Planning;

/// <summary>An instance a run leaves alone, and why.</summary>
/// <param name="InstanceId">The instance id.</param>
/// <param name="Reason">Why, in words.</param>
public sealed record SkippedInstance(string InstanceId, string Reason);
