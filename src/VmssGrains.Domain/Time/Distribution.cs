using System.Globalization;
using VmssGrains.Domain.Randomness;

namespace VmssGrains.Domain.Time;

/// <summary>
/// How long a simulated step takes: a fixed duration, or uniform in [mean − jitter, mean + jitter].
/// Draws are rounded to whole seconds: the simulation's resolution (docs/clock.md#resolution).
/// </summary>
[GenerateSerializer, Immutable, Alias("vmss.Distribution")]
public sealed record Distribution([property: Id(0)] TimeSpan Mean, [property: Id(1)] TimeSpan Jitter)
{
    /// <summary>A step that always takes <paramref name="duration"/>.</summary>
    public static Distribution Fixed(TimeSpan duration) => new(duration, TimeSpan.Zero);

    /// <summary>Draws one duration from <paramref name="stream"/> and returns the advanced stream.</summary>
    public SeededRandom Draw(SeededRandom stream, out TimeSpan duration)
    {
        if (Jitter <= TimeSpan.Zero)
        {
            duration = RoundToSeconds(Mean);
            return stream;
        }

        var next = stream.NextDouble(out var u);
        var seconds = Mean.TotalSeconds + (((2 * u) - 1) * Jitter.TotalSeconds);
        duration = RoundToSeconds(TimeSpan.FromSeconds(Math.Max(0, seconds)));
        return next;
    }

    /// <inheritdoc/>
    public override string ToString() => Jitter <= TimeSpan.Zero
        ? IsoDuration.Format(Mean)
        : string.Create(CultureInfo.InvariantCulture, $"{IsoDuration.Format(Mean)}±{IsoDuration.Format(Jitter)}");

    private static TimeSpan RoundToSeconds(TimeSpan value) => TimeSpan.FromSeconds(Math.Round(value.TotalSeconds, MidpointRounding.AwayFromZero));
}
