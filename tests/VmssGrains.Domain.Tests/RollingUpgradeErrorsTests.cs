using VmssGrains.Domain.Rolling;

namespace VmssGrains.Domain.Tests;

/// <summary>The errors of a rolling upgrade read the same whatever order its failed instances come in.</summary>
public sealed class RollingUpgradeErrorsTests
{
    private static readonly InstanceOutcome Extension = new("12", false, "VMExtensionProvisioningError", "VM has reported a failure when processing extension 'app'.");
    private static readonly InstanceOutcome Timeout = new("3", false, "InstanceUnhealthy", "Instance found to be unhealthy or unreachable after the health wait timeout.");
    private static readonly InstanceOutcome Unreported = new("1", false);

    [Fact]
    public void UpgradedUnhealthy_MostImpactfulError_IsTheFirstInInstanceOrder_WhateverOrderTheOutcomesCome()
    {
        // A run keeps its failed instances in a hashed dictionary: their order changes from one process to the next.
        var one = RollingUpgradeErrors.UpgradedUnhealthy("web", [Extension, Unreported, Timeout], 10, 20);
        var other = RollingUpgradeErrors.UpgradedUnhealthy("web", [Timeout, Extension, Unreported], 10, 20);

        Assert.Equal(one.Message, other.Message);
        Assert.Contains("30% of instances are in an unhealthy state after being upgraded - more than the threshold of 20%. The most impactful error is: Instance found to be unhealthy or unreachable after the health wait timeout.", one.Message, StringComparison.Ordinal);
        Assert.Equal("web/virtualMachines/1 web/virtualMachines/3 web/virtualMachines/12", string.Join(" ", one.Details.Select(d => d.Target)));
    }
}
