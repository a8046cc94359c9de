using System.Text.Json.Nodes;
using VmssGrains.Simulation.Driving;

namespace VmssGrains.Client.Tests;

/// <summary>Shared pieces of the verb tests.</summary>
public static class Verbs
{
    /// <summary>The gallery image id <c>create --image NAME:VERSION</c> writes, for <c>update --set</c>.</summary>
    public static string ImageId(string image, string version) =>
        $"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/vmss-sim/providers/Microsoft.Compute/galleries/gallery/images/{image}/versions/{version}";

    /// <summary>The <c>--set</c> pair that moves a scale set to another image version.</summary>
    public static string SetImage(string image, string version) =>
        $"properties.virtualMachineProfile.storageProfile.imageReference.id={ImageId(image, version)}";

    /// <summary><c>list-instances -o json</c>.</summary>
    public static async Task<List<JsonObject>> InstancesAsync(this VerbClusterFixture cluster, string name, params string[] extra) =>
        [.. Json.ParseArray(await cluster.OkAsync(["list-instances", "-n", name, "-o", "json", .. extra])).Select(n => n!.AsObject())];

    /// <summary>Instance ids of <c>list-instances</c> JSON.</summary>
    public static List<string> Ids(this IEnumerable<JsonObject> instances) => [.. instances.Select(i => i.Str("instanceId")!)];

    /// <summary><c>properties.latestModelApplied</c> of <c>list-instances</c> JSON.</summary>
    public static bool LatestModelApplied(this JsonObject instance) => instance["properties"].Bool("latestModelApplied");

    /// <summary>The health code of <c>list-instances</c> JSON, e.g. <c>HealthState/healthy</c>.</summary>
    public static string? Health(this JsonObject instance) => instance["properties"]?["instanceView"]?["vmHealth"]?["status"].Str("code");

    /// <summary><c>get-instance-view --instance-id ID -o json</c>.</summary>
    public static async Task<JsonObject> InstanceViewAsync(this VerbClusterFixture cluster, string name, string id) =>
        Json.ParseObject(await cluster.OkAsync("get-instance-view", "-n", name, "--instance-id", id, "-o", "json"));

    /// <summary><c>rolling-upgrade get-latest -o json</c>.</summary>
    public static async Task<JsonObject> LatestAsync(this VerbClusterFixture cluster, string name) =>
        Json.ParseObject(await cluster.OkAsync("rolling-upgrade", "get-latest", "-n", name, "-o", "json"));

    /// <summary>Polls <paramref name="read"/> until <paramref name="done"/> holds, failing after <paramref name="seconds"/> of wall time.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{what}: not within {seconds} s; last seen {value}");
            await WallTime.DelayAsync(TimeSpan.FromMilliseconds(100), CancellationToken.None);
        }
    }
}
