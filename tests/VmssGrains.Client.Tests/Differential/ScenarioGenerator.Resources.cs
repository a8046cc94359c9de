using System.Text.Json.Nodes;
using VmssGrains.Domain.Time;

namespace VmssGrains.Client.Tests.Differential;

/// <summary>The generator's images, load balancers and scale sets.</summary>
public sealed partial class ScenarioGenerator
{
    private static readonly string[] ScaleSetNames = ["web", "api", "batch-workers", "Front.End_2"];
    private static readonly string[] ExtensionNames = ["app", "config", "monitor-agent"];

    private void Images()
    {
        var count = Pick(1, 1, 2);
        for (var i = 0; i < count; i++)
        {
            var image = new GeneratedImage(i == 0 ? "web-os" : "base", new JsonObject());
            image.Json["name"] = image.Name;
            if (Chance(0.2))
            {
                image.Json["bakedInExtensions"] = new JsonArray("app");
            }

            var versions = new JsonArray();
            for (var v = 0; v < Pick(1, 2, 2, 3); v++)
            {
                var version = $"1.{v}.0";
                image.Versions.Add(version);
                versions.Add(Chance(0.8) || v == 0 ? (JsonNode)version : VersionObject(version));
            }

            image.NextMinor = image.Versions.Count;
            image.Json["versions"] = versions;
            images.Add(image);
        }
    }

    private JsonObject VersionObject(string version)
    {
        var json = new JsonObject { ["version"] = version };
        if (Chance(0.4))
        {
            json["bakedInExtensions"] = new JsonArray(Pick(ExtensionNames));
        }

        if (Chance(0.5))
        {
            json["publishedAt"] = IsoDuration.Format(Time(TimeSpan.Zero));
        }

        if (Chance(0.4))
        {
            json["reimage"] = Duration(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(6));
        }

        return json;
    }

    /// <summary>A load balancer for a scale set: its own, or one an earlier scale set uses (then with that one's probe).</summary>
    private (string Name, bool HasProbe, string ProbeName) LoadBalancer(int index, bool needsProbe)
    {
        if (index > 0 && loadBalancers.Count > 0 && Chance(0.25))
        {
            var shared = loadBalancers[random.Next(loadBalancers.Count)]!.AsObject();
            var probe = shared["probe"] as JsonObject;
            if (probe is not null || !needsProbe)
            {
                return (shared["name"]!.GetValue<string>(), probe is not null, probe?["name"]?.GetValue<string>() ?? "http");
            }
        }

        var name = $"lb-{index}";
        var lb = new JsonObject { ["name"] = name };
        var hasProbe = needsProbe || Chance(0.5);
        var probeName = Chance(0.5) ? "health" : "http";
        if (hasProbe)
        {
            var protocol = Pick("Http", "Http", "Https", "Tcp");
            var probeJson = new JsonObject { ["protocol"] = protocol, ["port"] = Pick(80, 443, 8080) };
            if (probeName == "health")
            {
                probeJson["name"] = probeName;
            }

            if (protocol != "Tcp" && Chance(0.5))
            {
                probeJson["requestPath"] = "/health";
            }

            if (Chance(0.6))
            {
                probeJson["intervalInSeconds"] = random.Next(5, 16);
                probeJson["numberOfProbes"] = random.Next(1, 4);
            }

            lb["probe"] = probeJson;
        }

        if (Chance(0.8))
        {
            lb["load"] = new JsonObject { ["requestsPerSecond"] = random.Next(0, 20) * 500, ["capacityPerInstance"] = Pick(100, 500, 1000, 1500.5) };
        }

        loadBalancers.Add(lb);
        return (name, hasProbe, probeName);
    }
}
