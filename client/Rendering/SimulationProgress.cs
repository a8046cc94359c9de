using System.Diagnostics;
using VmssGrains.Abstractions.Grains;

namespace VmssGrains.Client.Rendering;

/// <summary>
/// The live progress of <c>simulate</c> on standard error (<see cref="ProgressMode"/>). On a terminal, lines redrawn in
/// place: the fleet line (<see cref="FleetProgressText"/>, after <c>Simulating: </c>), then with at most
/// <see cref="PerScaleSetLimit"/> scale sets one line per scale set from its snapshot, and with more a short summary of
/// their runs (<see cref="FleetProgress.SummaryAsync"/>) instead. Otherwise plain lines (<see cref="PlainProgress"/>).
/// </summary>
public sealed class SimulationProgress : IAsyncDisposable
{
    /// <summary>Up to this many scale sets, the terminal shows one line for each; above, a summary.</summary>
    public const int PerScaleSetLimit = 10;

    /// <summary>The wall time the terminal's rate is measured over.</summary>
    public static readonly TimeSpan RateInterval = TimeSpan.FromSeconds(2);

    private static readonly SimulationProgress None = new(null, null);

    private readonly LiveProgress? live;
    private readonly PlainProgress? plain;
    private int disposed;

    private SimulationProgress(LiveProgress? live, PlainProgress? plain)
    {
        this.live = live;
        this.plain = plain;
    }

    /// <summary>Starts the progress <paramref name="mode"/> asks for on <paramref name="error"/>, reading <paramref name="fleet"/>.</summary>
    /// <param name="error">The command's standard error.</param>
    /// <param name="mode">When to show progress.</param>
    /// <param name="fleet">Where the counters come from; called only once progress is wanted.</param>
    /// <param name="cancellationToken">Stops the progress.</param>
    public static async Task<SimulationProgress> StartAsync(TextWriter error, ProgressMode mode, Func<Task<FleetProgress>> fleet, CancellationToken cancellationToken)
    {
        if (mode == ProgressMode.Never)
        {
            return None;
        }

        if (Terminal.IsErrorInteractive(error))
        {
            return new(Live(error, await fleet(), cancellationToken), null);
        }

        return mode == ProgressMode.Always || ReferenceEquals(error, Console.Error)
            ? new(null, new PlainProgress(error, await fleet(), mode == ProgressMode.Always).Start(cancellationToken))
            : None;
    }

    /// <summary>The scenario ended: stops the progress; plain lines end with the last line (<see cref="PlainProgress.CompleteAsync"/>).</summary>
    public async Task CompleteAsync(CancellationToken cancellationToken)
    {
        if (plain is not null)
        {
            await plain.CompleteAsync(cancellationToken);
        }

        await DisposeAsync();
    }

    /// <summary>Stops the progress (a terminal's lines are erased) without a last line; once, later calls do nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        if (live is not null)
        {
            await live.DisposeAsync();
        }

        if (plain is not null)
        {
            await plain.DisposeAsync();
        }
    }

    private static LiveProgress Live(TextWriter error, FleetProgress fleet, CancellationToken cancellationToken)
    {
        var wall = Stopwatch.StartNew();
        var rate = new ProgressRate(RateInterval);
        var perScaleSet = fleet.Grains is not null && fleet.ScaleSets.Count <= PerScaleSetLimit;
        return LiveProgress.Start(
            error,
            () =>
            {
                var (counters, elapsed) = (fleet.Current, wall.Elapsed);
                return "Simulating: " + FleetProgressText.Line(counters, fleet.Noun, rate.Sample(counters.Ended, elapsed), elapsed);
            },
            async token =>
            {
                await fleet.ReadAsync(token);
                return perScaleSet ? await ScaleSetLinesAsync(fleet.Grains!, fleet.ScaleSets, token) : await fleet.SummaryAsync(token);
            },
            cancellationToken);
    }

    /// <summary>One line per scale set, from its snapshot (<see cref="ProgressText.ScaleSet"/>).</summary>
    private static async Task<IReadOnlyList<string>> ScaleSetLinesAsync(IGrainFactory grains, IReadOnlyList<string> scaleSets, CancellationToken cancellationToken) =>
        await Task.WhenAll(scaleSets.Select(async name =>
        {
            var scaleSet = grains.GetGrain<IScaleSetGrain>(name);
            if (!await scaleSet.ExistsAsync())
            {
                return $"  {name}: being created";
            }

            var snapshot = await scaleSet.GetSnapshotAsync(cancellationToken);
            return $"  {ProgressText.ScaleSet(snapshot, ProgressText.Newest(snapshot))}";
        }));
}
