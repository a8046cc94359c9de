using System.Globalization;

namespace VmssGrains.Benchmarks.Fleet;

/// <summary>
/// The benchmark's fleet as a scenario file: <c>sets</c> Rolling scale sets (<c>fleet-{i}</c>) of <c>instances</c> VMs
/// each, every one behind its own Standard Load Balancer (<c>fleet-lb-{i}</c>, its probe the health source) with one
/// Custom Script extension; at PT1M every member moves to a new gallery image in 20 % batches with no pause.
/// </summary>
internal static class FleetScenario
{
    /// <summary>The fleet's name in the scenario.</summary>
    public const string Name = "fleet";

    /// <summary>The scale set name of member <paramref name="index"/>.</summary>
    public static string ScaleSet(int index) => string.Create(CultureInfo.InvariantCulture, $"{Name}-{index}");

    /// <summary>The scenario JSON.</summary>
    public static string Json(int sets, int instances) => string.Create(CultureInfo.InvariantCulture, $$"""
        {
          "seed": 7,
          "images": [ { "name": "fleet-image", "versions": [ "2024.06.0", "2024.07.0" ] } ],
          "fleets": [ {
            "name": "{{Name}}",
            "count": {{sets}},
            "loadBalancer": {
              "name": "{{Name}}-lb-{i}",
              "probe": { "protocol": "Http", "port": 8080, "requestPath": "/health", "intervalInSeconds": 5, "numberOfProbes": 2 },
              "load": { "requestsPerSecond": 3000, "capacityPerInstance": 800 }
            },
            "scaleSet": {
              "name": "{{Name}}-{i}",
              "location": "westeurope",
              "sku": { "name": "Standard_D2s_v5", "tier": "Standard", "capacity": {{instances}} },
              "properties": {
                "orchestrationMode": "Uniform",
                "upgradePolicy": {
                  "mode": "Rolling",
                  "rollingUpgradePolicy": { "maxBatchInstancePercent": 20, "maxUnhealthyInstancePercent": 20, "maxUnhealthyUpgradedInstancePercent": 20, "pauseTimeBetweenBatches": "PT0S" }
                },
                "virtualMachineProfile": {
                  "storageProfile": { "imageReference": { "id": "{{Image("2024.06.0")}}" } },
                  "networkProfile": {
                    "healthProbe": { "id": "{{LoadBalancer}}/{{Name}}-lb-{i}/probes/health" },
                    "networkInterfaceConfigurations": [ { "name": "nic", "properties": { "primary": true, "ipConfigurations": [ { "name": "ipconfig", "properties": {
                      "loadBalancerBackendAddressPools": [ { "id": "{{LoadBalancer}}/{{Name}}-lb-{i}/backendAddressPools/pool" } ] } } ] } } ]
                  },
                  "extensionProfile": { "extensions": [ { "name": "app", "properties": { "publisher": "Microsoft.Azure.Extensions", "type": "CustomScript", "typeHandlerVersion": "2.1" } } ] }
                }
              }
            }
          } ],
          "timing": {
            "drain": "PT15S",
            "reimage": { "mean": "PT3M", "jitter": "PT20S" },
            "boot": { "mean": "PT1M", "jitter": "PT10S" },
            "extension": { "mean": "PT2M", "jitter": "PT20S" }
          },
          "actions": [
            { "at": "PT1M", "action": "update", "fleet": "{{Name}}",
              "patch": { "properties": { "virtualMachineProfile": { "storageProfile": { "imageReference": { "id": "{{Image("2024.07.0")}}" } } } } } }
          ]
        }
        """);

    private const string LoadBalancer = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/bench/providers/Microsoft.Network/loadBalancers";

    private static string Image(string version) =>
        $"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/bench/providers/Microsoft.Compute/galleries/gallery/images/fleet-image/versions/{version}";
}
