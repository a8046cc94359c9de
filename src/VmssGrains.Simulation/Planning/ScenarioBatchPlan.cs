using VmssGrains.Domain.Planning;

namespace VmssGrains.Simulation.Planning;

/// <summary>The batch listing of one run a scenario's action starts.</summary>
/// <param name="At">The action's offset from the scenario's start (simulated).</param>
/// <param name="Action">The action's name in the file (<c>update</c>, <c>startOSUpgrade</c>, ...).</param>
/// <param name="Listing">The run's batches and skipped instances as the run starts.</param>
public sealed record ScenarioBatchPlan(TimeSpan At, string Action, BatchPlanListing Listing);
