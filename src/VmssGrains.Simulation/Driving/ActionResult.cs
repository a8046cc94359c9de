namespace VmssGrains.Simulation.Driving;

/// <summary>What happened when the driver played one action of the scenario.</summary>
/// <param name="At">Offset from the start.</param>
/// <param name="Action">The action's name.</param>
/// <param name="ScaleSet">The scale set it acted on.</param>
/// <param name="Status">
/// Succeeded or Failed for an action that ends at once; for one that starts a long-running operation, the
/// operation's status when it was played (InProgress, or already Succeeded/Failed). The report replaces it with the
/// operation's final status.
/// </param>
/// <param name="ErrorCode">Azure's error code when it failed.</param>
/// <param name="ErrorMessage">The error message when it failed.</param>
/// <param name="Operation">The long-running operation the action started (its name), if any.</param>
/// <param name="Message">What the driver itself did and why (a traffic gate's halt: the measured figure and the threshold); null for the scenario's actions.</param>
public sealed record ActionResult(TimeSpan At, string Action, string? ScaleSet, string Status, string? ErrorCode = null, string? ErrorMessage = null, string? Operation = null, string? Message = null);
