using System.Text.Json.Nodes;
using VmssGrains.Domain.Time;

namespace VmssGrains.Client.Tests.Differential;

/// <summary>The generator's timing profile and faults.</summary>
public sealed partial class ScenarioGenerator
{
    private JsonObject Timing()
    {
        var timing = new JsonObject();
        void Maybe(string step, int minSeconds, int maxSeconds)
        {
            if (Chance(0.5))
            {
                timing[step] = Duration(TimeSpan.FromSeconds(minSeconds), TimeSpan.FromSeconds(maxSeconds));
            }
        }

        Maybe("drain", 0, 60);
        Maybe("reimage", 30, 360);
        Maybe("boot", 10, 180);
        Maybe("extension", 10, 240);
        Maybe("bakedInExtension", 1, 30);
        Maybe("probeInterval", 1, 15);
        Maybe("healthWaitTimeout", 60, 900);
        Maybe("provision", 30, 240);
        Maybe("delete", 10, 120);
        Maybe("restart", 10, 120);
        Maybe("replication", 0, 1200);
        if (Chance(0.2))
        {
            timing["extensions"] = new JsonObject { [Pick(ExtensionNames)] = Duration(TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5)) };
        }

        return timing;
    }

    private JsonArray Faults()
    {
        var faults = new JsonArray();
        var count = Pick(0, 0, 1, 1, 2, 3, 4);
        for (var i = 0; i < count; i++)
        {
            var target = scaleSets[random.Next(scaleSets.Count)];
            var fault = new JsonObject();
            var kind = Pick("unhealthyAfterUpgrade", "unhealthyAfterUpgrade", "extensionFailure", "extensionFailure", "scriptSourceOutage", "allocationFailure", "unhealthyRate", "nonIdempotentExtension", "unhealthy", "unhealthy", "badImage");
            var extension = target.Extensions.Count > 0 ? Pick([.. target.Extensions]) : "app";
            fault["kind"] = kind;

            // Without scaleSet a fault applies to every scale set (unhealthy needs one when there are several).
            if (scaleSets.Count == 1 ? Chance(0.5) : kind == "unhealthy" || Chance(0.7))
            {
                fault["scaleSet"] = target.Name;
            }

            switch (kind)
            {
                case "unhealthyAfterUpgrade":
                    var image = images[random.Next(images.Count)];
                    fault["imageVersion"] = Chance(0.8) ? Pick([.. image.Versions.Skip(1).DefaultIfEmpty(image.Versions[0])]) : $"1.{image.NextMinor}.0";
                    ProbabilityOrIds(fault, target);
                    break;
                case "extensionFailure":
                    fault["extension"] = extension;
                    ProbabilityOrIds(fault, target);
                    break;
                case "scriptSourceOutage":
                    var from = Time(TimeSpan.Zero);
                    fault["extension"] = extension;
                    fault["from"] = IsoDuration.Format(from);
                    fault["to"] = IsoDuration.Format(Min(horizon, from + Minutes(1, 60)));
                    if (fault["to"]!.GetValue<string>() == fault["from"]!.GetValue<string>())
                    {
                        fault["from"] = IsoDuration.Format(from - TimeSpan.FromMinutes(1));
                    }

                    break;
                case "allocationFailure":
                    fault["probability"] = Pick(0.1, 0.25, 0.5);
                    break;
                case "badImage":
                    var bad = images[random.Next(images.Count)];
                    fault["imageVersion"] = Pick([.. bad.Versions.Skip(1).DefaultIfEmpty(bad.Versions[0])]);
                    fault["probability"] = Pick(0.0, 0.5, 1.0);
                    break;
                case "unhealthyRate":
                    // Failures at random times keep the scenario going to its horizon: a small rate, small fleets, a short horizon.
                    if (scaleSets.Sum(s => s.Capacity) > 60 || horizon > TimeSpan.FromDays(1))
                    {
                        fault["kind"] = "nonIdempotentExtension";
                        fault["extension"] = extension;
                        break;
                    }

                    fault["perInstanceHour"] = Pick(0.01, 0.05, 0.2);
                    break;
                case "nonIdempotentExtension":
                    fault["extension"] = extension;
                    break;
                case "unhealthy":
                    var at = Time(TimeSpan.Zero);
                    fault["instanceIds"] = Ids(target.Capacity, required: true);
                    if (Chance(0.7))
                    {
                        fault["at"] = IsoDuration.Format(at);
                    }

                    if (Chance(0.5) && at + TimeSpan.FromMinutes(1) <= horizon)
                    {
                        fault["until"] = IsoDuration.Format(Min(horizon, at + Minutes(1, 120)));
                    }

                    if (!fault.ContainsKey("at"))
                    {
                        fault.Remove("until");
                        if (Chance(0.5))
                        {
                            fault["until"] = IsoDuration.Format(Min(horizon, Minutes(1, 120)));
                        }
                    }

                    break;
            }

            faults.Add(fault);
        }

        return faults;
    }

    private void ProbabilityOrIds(JsonObject fault, GeneratedScaleSet target)
    {
        var which = random.Next(3);
        if (which != 1)
        {
            fault["probability"] = Pick(0.05, 0.2, 0.3, 0.5, 1.0);
        }

        if (which != 0)
        {
            fault["instanceIds"] = Ids(target.Capacity, required: true);
        }
    }

    /// <summary>1–4 distinct ids below <paramref name="nextId"/>, or null (meaning every instance) when not required and by chance.</summary>
    private JsonArray? Ids(int nextId, bool required)
    {
        if (nextId <= 0 || (!required && Chance(0.4)))
        {
            return required ? new JsonArray("0") : null;
        }

        var ids = Enumerable.Range(0, random.Next(1, 5)).Select(_ => random.Next(nextId)).Distinct().Order();
        return new JsonArray([.. ids.Select(id => (JsonNode)id.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
