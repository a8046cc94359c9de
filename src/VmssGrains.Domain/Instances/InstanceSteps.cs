using System.Collections.Frozen;
using System.Collections.Immutable;

namespace VmssGrains.Domain.Instances;

/// <summary>The step definitions (<see cref="StepDefinition"/>), one per <see cref="InstanceStep"/>.</summary>
internal static class InstanceSteps
{
    /// <summary>
    /// Every definition, in the order the steps run within an operation: an operation's plan is each definition's
    /// step repeated <see cref="StepDefinition.Repeats"/> times, in this order.
    /// </summary>
    public static ImmutableArray<StepDefinition> All { get; } =
    [
        new DrainStep(),
        new ProvisionStep(),
        new ReimageStep(),
        new BootStep(),
        new RestartStep(),
        new DeleteStep(),
        new ExtensionStep(),
        new ProbeStep(),
    ];

    private static readonly FrozenDictionary<InstanceStep, StepDefinition> ByStep = All.ToFrozenDictionary(d => d.Step);

    /// <summary>The definition of <paramref name="step"/>.</summary>
    /// <exception cref="InvalidOperationException">The step has no definition.</exception>
    public static StepDefinition Of(InstanceStep step) =>
        ByStep.TryGetValue(step, out var definition) ? definition : throw new InvalidOperationException($"unknown step {step}");
}
