namespace VmssGrains.Simulation.Scenarios;

/// <summary>
/// <c>what-if</c> cannot build a scenario from its input: the message is one line naming the input (the file's path,
/// <c>--set</c> or <c>--image-version</c>) and what is wrong with it.
/// </summary>
public sealed class WhatIfException(string message) : Exception(message);
