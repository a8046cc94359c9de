using System.Diagnostics.Metrics;

namespace VmssGrains.Benchmarks.Fleet;

/// <summary>
/// Counts the grain calls the silos of this process have invoked, from Orleans' own meter (<c>Microsoft.Orleans</c>):
/// the observable counter <c>orleans-messaging-processing-dispatcher-processed</c>, which an activation adds to as it
/// invokes a message, tagged <c>Direction</c> (<c>Request</c>, <c>OneWay</c>, <c>Response</c>) and <c>Status</c> (<c>Ok</c>, <c>Error</c>).
/// A grain call is a <c>Request</c> or <c>OneWay</c> message with status <c>Ok</c> (responses and rejected messages are not
/// counted; timer ticks are no messages).
/// Orleans counts only while a listener has enabled the instrument; only that one is enabled here.
/// </summary>
internal sealed class GrainCallCounter : IDisposable
{
    /// <summary>The meter of the Orleans runtime.</summary>
    public const string MeterName = "Microsoft.Orleans";

    /// <summary>The instrument counted.</summary>
    public const string InstrumentName = "orleans-messaging-processing-dispatcher-processed";

    private readonly MeterListener listener = new();
    private long sum;

    /// <summary>Starts listening (silos started before or after are both counted).</summary>
    public GrainCallCounter()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == MeterName && instrument.Name == InstrumentName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var (call, ok) = (false, false);
            foreach (var tag in tags)
            {
                call |= tag.Key == "Direction" && tag.Value is "Request" or "OneWay";
                ok |= tag.Key == "Status" && tag.Value is "Ok";
            }

            if (call && ok)
            {
                sum += value;
            }
        });
        listener.Start();
    }

    /// <summary>The grain calls invoked so far, by every silo of this process (each silo's meter is counted).</summary>
    public long Read()
    {
        // The observable counters report their running totals, one measurement per tag set and silo, on this thread.
        sum = 0;
        listener.RecordObservableInstruments();
        return sum;
    }

    /// <inheritdoc/>
    public void Dispose() => listener.Dispose();
}
