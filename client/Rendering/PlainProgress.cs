namespace VmssGrains.Client.Rendering;

/// <summary>
/// Live progress as plain lines, for a standard error that is not a terminal (CI, a file): nothing during the first
/// <see cref="Grace"/> of wall time, so a short run leaves standard error empty; then one fleet line
/// (<see cref="FleetProgressText"/>, prefixed <c>progress: </c>) at every multiple of <see cref="Every"/>, its rate over
/// the time since the line before; and when the scenario ended (<see cref="CompleteAsync"/>), one last line prefixed
/// <c>progress: done · </c> with the final counts and the average rate over the run, if any line was written before
/// or the last line is wanted anyway (<see cref="ProgressMode.Always"/>).
/// </summary>
/// <remarks>
/// The lines are written from a thread of its own that sleeps between them, for the reason <see cref="LiveProgress"/>
/// gives; <see cref="TickAsync"/> is the work of one wake-up, so that tests drive it on a fake wall clock.
/// </remarks>
public sealed class PlainProgress : IAsyncDisposable
{
    /// <summary>The wall time before the first line.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    /// <summary>The wall time between two lines.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    private readonly TextWriter error;
    private readonly FleetProgress fleet;
    private readonly bool always;
    private readonly TimeProvider wall;
    private readonly long started;
    private readonly ProgressRate rate = new(Every);
    private readonly CancellationTokenSource stop = new();
    private CancellationTokenSource? linked;
    private Task finished = Task.CompletedTask;
    private int disposed;
    private TimeSpan next = Grace;
    private bool written;

    /// <summary>Creates the writer; nothing runs until <see cref="Start"/> (or a test's <see cref="TickAsync"/>).</summary>
    /// <param name="error">Where the lines go.</param>
    /// <param name="fleet">The counters.</param>
    /// <param name="always">Write the last line even when the run ended within <see cref="Grace"/>.</param>
    /// <param name="wall">Wall time (the system's; a fake one in tests).</param>
    public PlainProgress(TextWriter error, FleetProgress fleet, bool always, TimeProvider? wall = null)
    {
        this.error = error;
        this.fleet = fleet;
        this.always = always;
        this.wall = wall ?? TimeProvider.System;
        started = this.wall.GetTimestamp();
    }

    /// <summary>Wall time since the writer was created.</summary>
    public TimeSpan Elapsed => wall.GetElapsedTime(started);

    /// <summary>Starts writing lines from a background thread of its own.</summary>
    public PlainProgress Start(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, stop.Token);
        var token = linked.Token;
        var thread = new Thread(() =>
        {
            try
            {
                while (!token.IsCancellationRequested)
                {
                    var wait = next - Elapsed;
                    if (wait > TimeSpan.Zero)
                    {
                        token.WaitHandle.WaitOne(wait);
                        continue;
                    }

                    // Waited for on this thread of its own: a cluster read's continuation needs no thread-pool thread.
                    TickAsync(token).GetAwaiter().GetResult();
                }
            }
            catch (Exception)
            {
                // Progress never fails the command.
            }
            finally
            {
                done.SetResult();
            }
        })
        {
            IsBackground = true,
            Name = "vmss progress lines",
        };
        thread.Start();
        finished = done.Task;
        return this;
    }

    /// <summary>Writes a line when one is due (true), then schedules the next at the following multiple of <see cref="Every"/>.</summary>
    public async Task<bool> TickAsync(CancellationToken cancellationToken)
    {
        var elapsed = Elapsed;
        if (elapsed < next)
        {
            return false;
        }

        next = Every * (Math.Floor(elapsed / Every) + 1);
        FleetCounters counters;
        try
        {
            counters = await fleet.ReadAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Best effort: a failed read (a busy cluster) skips this line.
            return false;
        }

        await error.WriteLineAsync(FleetProgressText.Plain + FleetProgressText.Line(counters, fleet.Noun, rate.Sample(counters.Ended, elapsed), elapsed));
        await error.FlushAsync(cancellationToken);
        written = true;
        return true;
    }

    /// <summary>The scenario ended: stops the lines, then writes the last one if a line was written before or it is always wanted.</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        await DisposeAsync();
        if (!written && !always)
        {
            return;
        }

        var counters = await fleet.ReadFinalAsync(cancellationToken);
        var elapsed = Elapsed;
        await error.WriteLineAsync(FleetProgressText.Done + FleetProgressText.Line(counters, fleet.Noun, ProgressRate.Average(counters.Ended, elapsed), elapsed, average: true));
        await error.FlushAsync(cancellationToken);
    }

    /// <summary>Stops the lines and waits for the thread to end (once; later calls do nothing).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        await stop.CancelAsync();
        await finished;
        linked?.Dispose();
        stop.Dispose();
    }
}
