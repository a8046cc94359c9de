using System.Diagnostics;
using Spectre.Console;

namespace VmssGrains.Client.Rendering;

/// <summary>
/// Live progress on standard error while a command works: a few lines redrawn in place, polled on wall time, and
/// cleared when the command finishes. Nothing at all is written when standard error is not a terminal, and
/// nothing ever goes to standard output (the command's result and <c>--output json</c> go there).
/// </summary>
/// <remarks>
/// The polling runs on a thread of its own that sleeps between polls: an embedded silo on the virtual clock keeps
/// the thread pool busy with its own work items, and a wall-time timer callback queued behind them can wait until
/// the simulation ends.
/// </remarks>
public sealed class LiveProgress : IAsyncDisposable
{
    /// <summary>The shortest wall time between two polls.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest wall time between two polls.</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromSeconds(1);

    /// <summary>A progress that shows nothing (standard error is not a terminal).</summary>
    public static readonly LiveProgress None = new(null, Task.CompletedTask);

    private readonly CancellationTokenSource? stop;
    private readonly Task finished;

    private LiveProgress(CancellationTokenSource? stop, Task finished)
    {
        this.stop = stop;
        this.finished = finished;
    }

    /// <summary>
    /// Starts polling <paramref name="read"/> for the lines to show under <paramref name="heading"/>, when
    /// <paramref name="error"/> is an interactive terminal; otherwise returns <see cref="None"/>. A poll that fails
    /// keeps the lines of the last one; while a poll waits (a busy scale set), the heading is still redrawn every
    /// <see cref="MaxInterval"/>, so the display never looks frozen.
    /// </summary>
    /// <param name="error">The command's standard error.</param>
    /// <param name="heading">The first line, computed at every redraw: cheap, no grain calls.</param>
    /// <param name="read">Reads the lines under the heading. Between polls four times as long as the poll took passes (so
    /// polling a large scale set costs about a fifth of the time), at least <see cref="Interval"/> and at most <see cref="MaxInterval"/>.</param>
    /// <param name="cancellationToken">Stops the progress (the command was interrupted).</param>
    public static LiveProgress Start(TextWriter error, Func<string> heading, Func<CancellationToken, Task<IReadOnlyList<string>>> read, CancellationToken cancellationToken)
    {
        if (!Terminal.IsErrorInteractive(error))
        {
            return None;
        }

        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var finished = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var live = Terminal.ForError(error).Live(new Text(heading()))
            .AutoClear(true)
            .Overflow(VerticalOverflow.Ellipsis)
            .Cropping(VerticalOverflowCropping.Bottom);
        var thread = new Thread(() =>
        {
            try
            {
                live.Start(context => Poll(context, heading, read, stop.Token));
            }
            catch (Exception)
            {
                // The progress display never fails the command.
            }
            finally
            {
                finished.SetResult();
            }
        })
        {
            IsBackground = true,
            Name = "vmss progress",
        };
        thread.Start();
        return new LiveProgress(stop, finished.Task);
    }

    /// <summary>Stops polling and waits until the progress lines are cleared.</summary>
    public async ValueTask DisposeAsync()
    {
        if (stop is null)
        {
            return;
        }

        await stop.CancelAsync();
        await finished;
        stop.Dispose();
    }

    private static void Poll(LiveDisplayContext context, Func<string> heading, Func<CancellationToken, Task<IReadOnlyList<string>>> read, CancellationToken stop)
    {
        IReadOnlyList<string> lines = [];
        void Show()
        {
            context.UpdateTarget(new Text(string.Join('\n', [heading(), .. lines])));
            context.Refresh();
        }

        Show();
        while (!stop.IsCancellationRequested)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                // Waited for on this thread of its own: the poll's continuation needs no thread-pool thread.
                var poll = read(stop);
                while (!poll.Wait(MaxInterval, stop))
                {
                    Show();
                }

                lines = poll.Result;
            }
            catch (Exception) when (!stop.IsCancellationRequested)
            {
                // Progress is best effort: a failed poll (a scale set not created yet, a busy cluster) keeps the last lines.
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Show();
            var wait = Stopwatch.GetElapsedTime(started) * 4;
            stop.WaitHandle.WaitOne(wait < Interval ? Interval : wait > MaxInterval ? MaxInterval : wait);
        }
    }
}
