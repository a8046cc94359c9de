using VmssGrains.Domain.Rolling;

namespace VmssGrains.Client.Rendering;

/// <summary>One scale set's newest rolling upgrade as live progress read it.</summary>
/// <param name="Name">The scale set's name.</param>
/// <param name="Exists">False while the scenario has not created it yet.</param>
/// <param name="Run">Its newest rolling upgrade (<c>rollingUpgrades/latest</c>), or null when it has none.</param>
public sealed record ScaleSetRun(string Name, bool Exists, RunState? Run);
