using System.Collections.Immutable;
using VmssGrains.Domain.Model;
using VmssGrains.Domain.Randomness;

namespace VmssGrains.Domain.Instances;

/// <summary>
/// One extension runs (the next of <see cref="ActiveOperation.ExtensionsToRun"/>): its own duration, else the
/// profile's for its name, or the baked-in duration when the image already carries its work. It may fail
/// (<see cref="InstanceFaults.DecideExtensionFailure"/>); a failure ends the operation unless the extension suppresses failures.
/// </summary>
internal sealed class ExtensionStep : StepDefinition
{
    /// <inheritdoc/>
    public override InstanceStep Step => InstanceStep.Extension;

    /// <inheritdoc/>
    public override string Name => "extension";

    /// <summary>Once per extension the operation runs.</summary>
    public override int Repeats(PlanFacts plan) => plan.Extensions;

    /// <inheritdoc/>
    public override SeededRandom Duration(InstanceState state, InstanceProfile profile, SeededRandom random, out TimeSpan duration)
    {
        var active = state.Active!;
        var order = active.Order;
        var extension = active.ExtensionsToRun[active.ExtensionIndex];
        var baked = order.BakedInExtensions.Contains(extension.Name, StringComparer.OrdinalIgnoreCase);
        return (baked ? profile.Timing.BakedInExtension : extension.Duration ?? profile.Timing.ForExtension(extension.Name, false)).Draw(random, out duration);
    }

    /// <summary>Decides the extension's failure; the extension is Updating and the instance unhealthy meanwhile.</summary>
    public override StepBegin Begin(InstanceState state, InstanceProfile profile, SeededRandom random, DateTimeOffset now, List<InstanceCommand> commands)
    {
        var active = state.Active!;
        var extension = active.ExtensionsToRun[active.ExtensionIndex];
        random = InstanceFaults.DecideExtensionFailure(state, extension, profile.Faults, now, random, out var failure);
        state = state with
        {
            Health = HealthState.Unhealthy,
            Extensions = SetExtension(state.Extensions, new ExtensionStatus(extension.Name, extension.Fingerprint, extension.ForceUpdateTag, "Updating")),
        };
        return new(state, random, failure);
    }

    /// <summary>
    /// Succeeded: the extension's files are on the OS and data disks. Failed: the extension shows the error, and the
    /// operation ends with it unless the extension suppresses failures.
    /// </summary>
    public override StepEnd Complete(InstanceState state, InstanceProfile profile, InstanceFailure? failure, DateTimeOffset now, List<InstanceCommand> commands)
    {
        var active = state.Active!;
        var extension = active.ExtensionsToRun[active.ExtensionIndex];
        state = state with { Active = active with { ExtensionIndex = active.ExtensionIndex + 1 } };
        if (failure is not null)
        {
            state = state with
            {
                Extensions = SetExtension(state.Extensions, new ExtensionStatus(extension.Name, extension.Fingerprint, extension.ForceUpdateTag, "Failed", failure.Message, extension.SuppressFailures)),
            };
            return extension.SuppressFailures ? StepEnd.Next(state) : StepEnd.Ended(OperationCompletion.Finish(state, profile, failure, now, commands));
        }

        return StepEnd.Next(state with
        {
            OsDisk = state.OsDisk.WithFile(InstanceMachine.OsDiskFile(extension.Name)),
            DataDisk = state.DataDisk.WithFile(InstanceMachine.DataDiskFile(extension.Name)),
            Extensions = SetExtension(state.Extensions, new ExtensionStatus(extension.Name, extension.Fingerprint, extension.ForceUpdateTag, "Succeeded")),
        });
    }

    /// <summary>The extension's name.</summary>
    public override string? Subject(ActiveOperation active) => active.ExtensionsToRun[active.ExtensionIndex].Name;

    private static ImmutableArray<ExtensionStatus> SetExtension(ImmutableArray<ExtensionStatus> list, ExtensionStatus status)
    {
        for (var i = 0; i < list.Length; i++)
        {
            if (string.Equals(list[i].Name, status.Name, StringComparison.OrdinalIgnoreCase))
            {
                return list.SetItem(i, status);
            }
        }

        return list.Add(status);
    }
}
