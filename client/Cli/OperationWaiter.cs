using VmssGrains.Abstractions.Grains;
using VmssGrains.Abstractions.Views;
using VmssGrains.Simulation.Driving;

namespace VmssGrains.Client.Cli;

/// <summary>Waits for a long-running operation like az does, polling its status on wall time.</summary>
public static class OperationWaiter
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    /// <summary>Polls until the operation ends and returns its final status.</summary>
    public static async Task<OperationStatus> WaitAsync(IScaleSetGrain scaleSet, OperationStatus operation, CancellationToken cancellationToken)
    {
        while (!operation.IsDone)
        {
            await WallTime.DelayAsync(Poll, cancellationToken);
            operation = await scaleSet.GetOperationAsync(operation.Name, cancellationToken);
        }

        return operation;
    }

    /// <summary>The exit code of a finished operation: a failed or cancelled operation is a runtime failure, reported on standard error.</summary>
    public static async Task<int> ExitCodeAsync(CliContext context, OperationStatus operation)
    {
        if (operation.Status is "Succeeded" or "InProgress")
        {
            return ExitCodes.Ok;
        }

        await context.Error.WriteLineAsync(operation.ErrorCode is null
            ? $"error: operation {operation.Operation} {operation.Status}"
            : $"error: operation {operation.Operation} {operation.Status}: ({operation.ErrorCode}) {operation.ErrorMessage}");
        return ExitCodes.Failure;
    }
}
