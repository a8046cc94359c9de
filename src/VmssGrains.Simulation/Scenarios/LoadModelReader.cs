using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using VmssGrains.Abstractions.Views;
using VmssGrains.Domain.Load;
using static VmssGrains.Simulation.Scenarios.JsonPath;

namespace VmssGrains.Simulation.Scenarios;

/// <summary>Reads a load balancer's <c>load</c> object (docs/contracts.md#load-balancers), the load model's fields included.</summary>
internal static class LoadModelReader
{
    /// <summary>The fields of <c>load</c>.</summary>
    public static readonly string[] Fields = ["requestsPerSecond", "capacityPerInstance", "offeredLoadCurve", "diurnal", "warmUp", "maxQueueSeconds"];

    /// <summary><paramref name="config"/> with the settings of <paramref name="load"/> (at <paramref name="path"/>); <paramref name="startTime"/> places a diurnal peak.</summary>
    public static LoadBalancerConfig Read(JsonObject load, string path, LoadBalancerConfig config, DateTimeOffset startTime)
    {
        OnlyFields(load, path, Fields);
        var curve = Get(load, "offeredLoadCurve") is { } points ? Piecewise(points, $"{path}.offeredLoadCurve") : null;
        if (Get(load, "diurnal") is { } diurnal)
        {
            if (curve is not null)
            {
                throw new ScenarioException($"{path}.diurnal", "give either offeredLoadCurve or diurnal, not both");
            }

            curve = Diurnal(Object(diurnal, $"{path}.diurnal"), $"{path}.diurnal", startTime);
        }

        if (curve is not null && Get(load, "requestsPerSecond") is not null)
        {
            throw new ScenarioException($"{path}.requestsPerSecond", "give either requestsPerSecond or an offered-load curve (offeredLoadCurve, diurnal), not both");
        }

        return config with
        {
            RequestsPerSecond = Number(load, "requestsPerSecond", path, 0, 1e12) ?? 0,
            CapacityPerInstance = Number(load, "capacityPerInstance", path, 1e-9, 1e12) ?? 1000,
            OfferedLoadCurve = curve,
            WarmUp = Get(load, "warmUp") is { } warmUp ? ReadWarmUp(Object(warmUp, $"{path}.warmUp"), $"{path}.warmUp") : null,
            MaxQueueSeconds = (int)(Long(load, "maxQueueSeconds", path, 0, 3600) ?? 0),
        };
    }

    private static OfferedLoadCurve Piecewise(JsonNode node, string path)
    {
        var array = Array(node, path);
        if (array.Count == 0)
        {
            throw new ScenarioException(path, "needs at least one point");
        }

        var points = ImmutableArray.CreateBuilder<LoadCurvePoint>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var pp = $"{path}[{i}]";
            var point = Object(array[i], pp);
            OnlyFields(point, pp, "at", "requestsPerSecond");
            var at = (Duration(point, "at", pp) ?? throw new ScenarioException($"{pp}.at", "is required")).TotalSeconds;
            if (i == 0 && at != 0)
            {
                throw new ScenarioException($"{pp}.at", "the first point must be at PT0S");
            }

            if (i > 0 && at <= points[i - 1].AtSeconds)
            {
                throw new ScenarioException($"{pp}.at", "must be later than the point before");
            }

            var rate = Number(point, "requestsPerSecond", pp, 0, 1e12) ?? throw new ScenarioException($"{pp}.requestsPerSecond", "is required");
            points.Add(new LoadCurvePoint(at, rate));
        }

        return new OfferedLoadCurve { Points = points.MoveToImmutable() };
    }

    private static OfferedLoadCurve Diurnal(JsonObject diurnal, string path, DateTimeOffset startTime)
    {
        OnlyFields(diurnal, path, "meanRequestsPerSecond", "amplitudePercent", "peakAt");
        var mean = Number(diurnal, "meanRequestsPerSecond", path, 0, 1e12) ?? throw new ScenarioException($"{path}.meanRequestsPerSecond", "is required");
        var amplitude = Number(diurnal, "amplitudePercent", path, 0, 100) ?? throw new ScenarioException($"{path}.amplitudePercent", "is required");
        var peakAt = String(diurnal, "peakAt", path);
        if (!TimeOnly.TryParseExact(peakAt, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var peak))
        {
            throw new ScenarioException($"{path}.peakAt", $"must be a time of day such as 14:00 or 14:30:00 (UTC, on the simulated calendar), not '{peakAt}'");
        }

        // The peak's offset from the start: the calendar starts at startTime, so the first peak is the next 'peakAt' (UTC).
        var offset = (peak.ToTimeSpan() - startTime.UtcDateTime.TimeOfDay).TotalSeconds;
        return new OfferedLoadCurve
        {
            MeanRequestsPerSecond = mean,
            Amplitude = amplitude / 100,
            PeakSeconds = ((offset % OfferedLoadCurve.Day) + OfferedLoadCurve.Day) % OfferedLoadCurve.Day,
        };
    }

    private static WarmUp ReadWarmUp(JsonObject warmUp, string path)
    {
        OnlyFields(warmUp, path, "duration", "startPercent");
        var duration = Duration(warmUp, "duration", path) ?? throw new ScenarioException($"{path}.duration", "is required");
        if (duration <= TimeSpan.Zero)
        {
            throw new ScenarioException($"{path}.duration", "must be longer than PT0S");
        }

        return new WarmUp(duration.TotalSeconds, Number(warmUp, "startPercent", path, 0, 100) ?? 0);
    }
}
