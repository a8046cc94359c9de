using VmssGrains.Domain.Model;
using VmssGrains.Domain.Randomness;

namespace VmssGrains.Domain.Instances;

/// <summary>
/// Reimaging: the OS disk is replaced from the image (the image version's own duration, else <c>timing.reimage</c>).
/// Everything written on the OS disk is lost; the data disks stay unless the order is reimage-all.
/// </summary>
internal sealed class ReimageStep : StepDefinition
{
    /// <inheritdoc/>
    public override InstanceStep Step => InstanceStep.Reimaging;

    /// <inheritdoc/>
    public override string Name => "reimage";

    /// <summary>Once when the order replaces the OS disk.</summary>
    public override int Repeats(PlanFacts plan) => plan.ReplacesDisk ? 1 : 0;

    /// <inheritdoc/>
    public override SeededRandom Duration(InstanceState state, InstanceProfile profile, SeededRandom random, out TimeSpan duration)
    {
        var order = state.Active!.Order;
        return (order.ReimageDuration ?? profile.Timing.Reimage).Draw(random, out duration);
    }

    /// <summary>The VM stops: unhealthy.</summary>
    public override StepBegin Begin(InstanceState state, InstanceProfile profile, SeededRandom random, DateTimeOffset now, List<InstanceCommand> commands) =>
        new(state with { Health = HealthState.Unhealthy, PowerState = "stopped" }, random, null);

    /// <summary>
    /// The new OS disk: the old image is kept as the rollback image, an <c>unhealthy</c> fault is cleared, no extension
    /// has run yet. An upgrade applies its model now.
    /// </summary>
    public override StepEnd Complete(InstanceState state, InstanceProfile profile, InstanceFailure? failure, DateTimeOffset now, List<InstanceCommand> commands)
    {
        var active = state.Active!;
        var order = active.Order;
        state = state with
        {
            PreviousImage = state.Image,
            OsDisk = new DiskState(state.OsDisk.Generation + 1, DiskImages.Of(order.TargetImage), []),
            DataDisk = order.Kind == OperationKind.ReimageAll ? new DiskState(state.DataDisk.Generation + 1, null, []) : state.DataDisk,
            Image = order.TargetImage,
            ForcedUnhealthy = false,
            ImageDefect = active.NewImageDefect,
            Extensions = [],
        };
        return StepEnd.Next(order.Kind == OperationKind.Upgrade ? OperationPlan.ApplyModel(state, order) : state);
    }
}
