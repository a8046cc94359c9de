namespace VmssGrains.Client.Cli;

/// <summary>
/// The command running on this async flow, set by <see cref="CliApp.Guard"/> around every verb's body: shared
/// helpers such as <see cref="OperationWaiter"/> reach the verb's standard error through it (for live progress)
/// without every verb passing its context along; <see cref="Verb"/> adds the cluster it connected to.
/// </summary>
public static class CommandScope
{
    private static readonly AsyncLocal<CliContext?> Slot = new();
    private static readonly AsyncLocal<IGrainFactory?> GrainsSlot = new();

    /// <summary>The running command's context, or null outside a verb.</summary>
    public static CliContext? Current
    {
        get => Slot.Value;
        internal set => Slot.Value = value;
    }

    /// <summary>The cluster the running verb is connected to, or null before it connected.</summary>
    public static IGrainFactory? Grains
    {
        get => GrainsSlot.Value;
        internal set => GrainsSlot.Value = value;
    }
}
