using VmssGrains.Tests.Shared;

namespace VmssGrains.Client.Tests;

/// <summary>
/// <c>Silo:Kubernetes=true</c> outside a pod: Orleans' Kubernetes hosting finds no pod namespace and the silo stops
/// with one line naming the variable, exit 2 (a pod gets it from deploy/kubernetes/silo.yaml).
/// </summary>
[Trait("Category", "MultiProcess")]
[Collection(ProcessClusterCollection.Name)]
public sealed class KubernetesHostingTests
{
    [SkippableFact]
    public async Task KubernetesOutsideAPod_OneLineNamingThePodVariable_Exit2()
    {
        Skip.If(RedisServer.Unavailable is not null, RedisServer.Unavailable);
        Skip.If(Environment.GetEnvironmentVariable("POD_NAMESPACE") is not null || File.Exists("/var/run/secrets/kubernetes.io/serviceaccount/namespace"), "running in a Kubernetes pod");
        await using var redis = await RedisServer.StartAsync();
        await using var silo = SiloProcesses.Start(SiloProcesses.Ports(), $"k8s-{Guid.NewGuid():N}", redis.ConnectionString, "--Silo:Kubernetes=true");

        Assert.True(await silo.WaitForExitAsync(SiloProcesses.Starts), $"still running:\n{silo}");
        Assert.True(silo.ExitCode == 2, $"exit {silo.ExitCode}:\n{silo}");
        Assert.Equal("error: KubernetesHostingOptions.Namespace is not set. Set it via the POD_NAMESPACE environment variable\n", silo.Err);
    }
}
