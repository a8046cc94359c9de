using VmssGrains.Domain.Randomness;

namespace VmssGrains.Domain.Instances;

/// <summary>Provisioning: allocation and creation of a new VM (<c>timing.provision</c>), which may find no capacity.</summary>
internal sealed class ProvisionStep : StepDefinition
{
    /// <inheritdoc/>
    public override InstanceStep Step => InstanceStep.Provisioning;

    /// <inheritdoc/>
    public override string Name => "provision";

    /// <summary>Once for a Provision order.</summary>
    public override int Repeats(PlanFacts plan) => plan.Order.Kind == OperationKind.Provision ? 1 : 0;

    /// <inheritdoc/>
    public override SeededRandom Duration(InstanceState state, InstanceProfile profile, SeededRandom random, out TimeSpan duration) =>
        profile.Timing.Provision.Draw(random, out duration);

    /// <summary>Decides whether the allocation fails (<c>allocationFailureProbability</c>).</summary>
    public override StepBegin Begin(InstanceState state, InstanceProfile profile, SeededRandom random, DateTimeOffset now, List<InstanceCommand> commands)
    {
        random = InstanceFaults.DecideAllocationFailure(profile.Faults, random, out var failure);
        return new(state, random, failure);
    }

    /// <summary>A failed allocation ends the operation; otherwise the VM runs on fresh disks from the image, on the order's model.</summary>
    public override StepEnd Complete(InstanceState state, InstanceProfile profile, InstanceFailure? failure, DateTimeOffset now, List<InstanceCommand> commands)
    {
        if (failure is not null)
        {
            return StepEnd.Ended(OperationCompletion.Finish(state, profile, failure, now, commands));
        }

        var active = state.Active!;
        var order = active.Order;
        return StepEnd.Next(state with
        {
            OsDisk = new DiskState(1, DiskImages.Of(order.TargetImage), []),
            DataDisk = new DiskState(1, null, []),
            Image = order.TargetImage,
            ModelVersion = order.TargetModelVersion,
            PreviousModelVersion = order.TargetModelVersion,
            PowerState = "running",
            ImageDefect = active.NewImageDefect,
        });
    }
}
