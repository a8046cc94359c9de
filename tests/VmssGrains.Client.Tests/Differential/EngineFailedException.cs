namespace VmssGrains.Client.Tests.Differential;

/// <summary>An engine produced no report: the scenario was refused, or the simulation failed (a wake-up or one-way call threw).</summary>
public sealed class EngineFailedException(string message, Exception? inner = null) : Exception(message, inner);
