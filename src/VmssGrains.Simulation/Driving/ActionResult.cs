namespace VmssGrains.Simulation.Driving;

/// <summary>What happened when the driver played one action of the scenario.</summary>
/// <param name="At">Offset from the start.</param>
/// <param name="Action">The action's name.</param>
/// <param name="ScaleSet">The scale set it acted on.</param>
/// <param name="Status">Accepted (a long-running operation started), Succeeded, or Failed.</param>
/// <param name="ErrorCode">Azure's error code when it failed.</param>
/// <param name="ErrorMessage">The error message when it failed.</param>
public sealed record ActionResult(TimeSpan At, string Action, string? ScaleSet, string Status, string? ErrorCode = null, string? ErrorMessage = null);
