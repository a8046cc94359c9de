using System.Globalization;
using System.Text.Json.Nodes;
using VmssGrains.Domain.Time;

namespace VmssGrains.Client.Tests.Differential;

/// <summary>
/// Writes random but valid scenario files (docs/contracts.md#scenario-file) from a seed: 1–3 scale sets of 1–2,000
/// instances (most under 50, a few in the hundreds, rarely up to 2,000), zones or none, Uniform or Flexible, every
/// upgrade mode and policy, load balancers with probes or the Application Health extension, extensions in
/// <c>provisionAfterExtensions</c> order, timing profiles, every fault kind and every action at random times within the
/// horizon. The same seed gives the same document; every document is one <c>ScenarioReader</c> accepts.
/// </summary>
public sealed partial class ScenarioGenerator
{
    private const string Subscription = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers";

    private readonly Random random;
    private readonly List<GeneratedImage> images = [];
    private readonly List<GeneratedScaleSet> scaleSets = [];
    private readonly JsonArray loadBalancers = [];
    private TimeSpan horizon;

    private ScenarioGenerator(long seed) => random = new Random(unchecked((int)seed ^ (int)(seed >> 32)));

    /// <summary>The scenario of <paramref name="seed"/>.</summary>
    public static JsonObject Generate(long seed) => new ScenarioGenerator(seed).Scenario();

    private JsonObject Scenario()
    {
        var scenario = new JsonObject { ["seed"] = random.Next(0, 1_000_000) };
        if (Chance(0.2))
        {
            scenario["startTime"] = new DateTimeOffset(2026, 1 + random.Next(12), 1 + random.Next(28), random.Next(24), 0, 0, TimeSpan.Zero).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        }

        // The horizon first: every time the file puts on the timeline lies within it.
        var until = Chance(0.5) ? Minutes(30, 48 * 60) : (TimeSpan?)null;
        horizon = until ?? TimeSpan.FromDays(7);
        Images();
        var count = Pick(1, 1, 1, 2, 2, 3);
        for (var i = 0; i < count; i++)
        {
            scaleSets.Add(ScaleSet(i, count));
        }

        scenario["loadBalancers"] = loadBalancers;
        scenario["images"] = new JsonArray([.. images.Select(i => (JsonNode)i.Json)]);
        scenario["scaleSets"] = new JsonArray([.. scaleSets.Select(s => (JsonNode)s.Resource.DeepClone())]);
        if (Chance(0.7))
        {
            scenario["timing"] = Timing();
        }

        scenario["faults"] = Faults();
        scenario["actions"] = Actions();
        if (until is { } u)
        {
            scenario["until"] = IsoDuration.Format(u);
        }

        return scenario;
    }

    private bool Chance(double p) => random.NextDouble() < p;

    private T Pick<T>(params T[] choices) => choices[random.Next(choices.Length)];

    private TimeSpan Seconds(int min, int max) => TimeSpan.FromSeconds(random.Next(min, max + 1));

    private TimeSpan Minutes(int min, int max) => TimeSpan.FromMinutes(random.Next(min, max + 1));

    /// <summary>A fixed duration, or a distribution with a jitter of at most the mean.</summary>
    private JsonNode Duration(TimeSpan min, TimeSpan max)
    {
        var mean = TimeSpan.FromSeconds(random.Next((int)min.TotalSeconds, (int)max.TotalSeconds + 1));
        return Chance(0.6) || mean == TimeSpan.Zero
            ? IsoDuration.Format(mean)
            : new JsonObject { ["mean"] = IsoDuration.Format(mean), ["jitter"] = IsoDuration.Format(TimeSpan.FromSeconds(random.Next(0, (int)mean.TotalSeconds + 1))) };
    }

    /// <summary>A time on the timeline: most early (where the runs are), a few anywhere up to the horizon; often on a whole minute, so that it meets other work at one instant.</summary>
    private TimeSpan Time(TimeSpan after)
    {
        var window = Chance(0.85) ? TimeSpan.FromHours(Math.Min(3, horizon.TotalHours)) : horizon;
        var seconds = after.TotalSeconds + (random.NextDouble() * Math.Max(0, (window - after).TotalSeconds));
        var time = TimeSpan.FromSeconds(Chance(0.5) ? Math.Floor(seconds / 60) * 60 : Math.Floor(seconds));
        return time < after ? after : time > horizon ? horizon : time;
    }

    /// <summary>A capacity: most under 50, a few in the hundreds, rarely up to 2,000.</summary>
    private int Capacity()
    {
        var r = random.NextDouble();
        return r < 0.87 ? random.Next(1, 50) : r < 0.98 ? random.Next(50, 500) : random.Next(500, 2001);
    }
}
